DROP TABLE membership_changes;
DROP TABLE members;
