DROP TABLE hardship_assistance;
DROP TABLE hardship_evidence;
DROP TABLE hardship_reviews;
DROP TABLE hardship_files;
