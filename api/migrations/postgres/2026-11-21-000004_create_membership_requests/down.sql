DROP TABLE membership_requests;
