DROP TABLE member_honours;
