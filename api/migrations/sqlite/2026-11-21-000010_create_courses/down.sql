DROP TABLE course_request_supporters;
DROP TABLE course_requests;
DROP TABLE notices;
DROP TABLE certificates;
DROP TABLE attendance;
DROP TABLE enrolments;
DROP TABLE course_sessions;
DROP TABLE courses;
