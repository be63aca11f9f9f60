//! Names for the generated API types. Every type here is derived from `schema.d.ts` (generated
//! from openapi/openapi.json); nothing is written by hand.
import type { paths } from './schema';

type JsonBody<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type ProblemBody<T> = T extends { content: { 'application/problem+json': infer B } } ? B : never;
type RequestJson<T> = T extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
type Query<T> = T extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

export type TokenResponse = JsonBody<paths['/api/v1/auth/login']['post']['responses'][200]>;
export type Me = JsonBody<paths['/api/v1/me']['get']['responses'][200]>;
export type Role = Me['role'];
export type Problem = ProblemBody<paths['/api/v1/auth/login']['post']['responses'][401]>;
export type FieldError = NonNullable<Problem['errors']>[number];
export type ErrorCode = Problem['code'];

export type Organisation = JsonBody<paths['/api/v1/organisations/{id}']['get']['responses'][200]>;
export type OrganisationKind = Organisation['kind'];
export type OrganisationStatus = Organisation['status'];
/** What the caller may do to an organisation's status now (`allowed_actions`). */
export type OrgEvent = Organisation['allowed_actions'][number];
export type Ownership = NonNullable<Organisation['ownership']>;
export type OrganisationSummary = JsonBody<
  paths['/api/v1/organisations/{id}/ancestors']['get']['responses'][200]
>['items'][number];
export type OrganisationPage = JsonBody<paths['/api/v1/organisations']['get']['responses'][200]>;
export type OrganisationListQuery = Query<paths['/api/v1/organisations']['get']>;
export type CreateOrganisationBody = RequestJson<paths['/api/v1/organisations']['post']>;
export type UpdateOrganisationBody = RequestJson<paths['/api/v1/organisations/{id}']['patch']>;

export type Account = JsonBody<paths['/api/v1/accounts/{id}']['get']['responses'][200]>;
export type CreatedAccount = JsonBody<paths['/api/v1/accounts']['post']['responses'][201]>;
export type AccountListQuery = Query<paths['/api/v1/accounts']['get']>;
export type CreateAccountBody = RequestJson<paths['/api/v1/accounts']['post']>;
export type UpdateAccountBody = RequestJson<paths['/api/v1/accounts/{id}']['patch']>;

export type AuditEvent = JsonBody<paths['/api/v1/audit-events']['get']['responses'][200]>['items'][number];
export type AuditEventListQuery = Query<paths['/api/v1/audit-events']['get']>;
export type AuditAction = AuditEvent['action'];
export type AuditResource = AuditEvent['resource_type'];

export type Member = JsonBody<paths['/api/v1/members/{id}']['get']['responses'][200]>;
/** The membership changes the caller may record now (`allowed_actions`). */
export type MemberEvent = Member['allowed_actions'][number];
export type MemberPage = JsonBody<paths['/api/v1/members']['get']['responses'][200]>;
export type MemberListQuery = Query<paths['/api/v1/members']['get']>;
export type CreateMemberBody = RequestJson<paths['/api/v1/members']['post']>;
export type UpdateMemberBody = RequestJson<paths['/api/v1/members/{id}']['patch']>;
export type RevealedMember = JsonBody<paths['/api/v1/members/{id}/reveal']['post']['responses'][200]>;
export type MembershipHistory = JsonBody<paths['/api/v1/members/{id}/history']['get']['responses'][200]>;
export type MembershipChange = MembershipHistory['items'][number];

export type CodeList = JsonBody<paths['/api/v1/code-lists']['get']['responses'][200]>['items'][number];
export type CodeListEntry = CodeList['items'][number];

export type MembershipRequest = JsonBody<paths['/api/v1/membership-requests/{id}']['get']['responses'][200]>;
/** The decisions the caller may take on a request now (`allowed_actions`). */
export type RequestEvent = MembershipRequest['allowed_actions'][number];
export type MembershipRequestPage = JsonBody<paths['/api/v1/membership-requests']['get']['responses'][200]>;
export type MembershipRequestListQuery = Query<paths['/api/v1/membership-requests']['get']>;
export type CreateJoinRequestBody = RequestJson<paths['/api/v1/membership-requests/join']['post']>;
export type CreateTransferRequestBody = RequestJson<paths['/api/v1/membership-requests/transfer']['post']>;
export type RejectRequestBody = RequestJson<paths['/api/v1/membership-requests/{id}/reject']['post']>;
export type RecordMembershipChangeBody = RequestJson<paths['/api/v1/members/{id}/changes']['post']>;
export type IssuedMemberCards = JsonBody<paths['/api/v1/members/cards']['post']['responses'][200]>;

export type MemberImport = JsonBody<paths['/api/v1/member-imports/{id}']['get']['responses'][200]>;
export type MemberImportError = MemberImport['errors'][number];
export type MemberImportPreviewRow = MemberImport['preview'][number];
export type CommitMemberImportBody = RequestJson<paths['/api/v1/member-imports/{id}/commit']['post']>;
export type CommitMode = NonNullable<CommitMemberImportBody['mode']>;

export type Honour = JsonBody<paths['/api/v1/members/{id}/honours']['post']['responses'][201]>;
export type HonourList = JsonBody<paths['/api/v1/members/{id}/honours']['get']['responses'][200]>;
export type HonourPage = JsonBody<paths['/api/v1/honours']['get']['responses'][200]>;
export type HonourListQuery = Query<paths['/api/v1/honours']['get']>;
export type CreateHonourBody = RequestJson<paths['/api/v1/members/{id}/honours']['post']>;

// Self-service (a worker's own membership, /api/v1/me/...).
export type OwnRequests = JsonBody<paths['/api/v1/me/membership-requests']['get']['responses'][200]>;
export type UpdateOwnContactBody = RequestJson<paths['/api/v1/me/member']['patch']>;
export type CreateOwnJoinRequestBody = RequestJson<paths['/api/v1/me/membership-requests/join']['post']>;
export type OwnTransferRequestBody = RequestJson<paths['/api/v1/me/membership-requests/transfer']['post']>;

export type HardshipFile = JsonBody<paths['/api/v1/members/{id}/hardship-files']['post']['responses'][201]>;
export type HardshipStatus = HardshipFile['status'];
/** What the caller may do to a hardship file now (`allowed_actions`). */
export type HardshipEvent = HardshipFile['allowed_actions'][number];
export type HardshipFileList = JsonBody<paths['/api/v1/members/{id}/hardship-files']['get']['responses'][200]>;
export type HardshipFileDetail = JsonBody<paths['/api/v1/hardship-files/{id}']['get']['responses'][200]>;
export type HardshipReview = HardshipFileDetail['reviews'][number];
export type HardshipEvidence = HardshipFileDetail['evidence'][number];
export type HardshipAssistance = HardshipFileDetail['assistance'][number];
export type HardshipFilePage = JsonBody<paths['/api/v1/hardship-files']['get']['responses'][200]>;
export type HardshipFileListQuery = Query<paths['/api/v1/hardship-files']['get']>;
export type CreateHardshipFileBody = RequestJson<paths['/api/v1/members/{id}/hardship-files']['post']>;
export type UpdateHardshipFileBody = RequestJson<paths['/api/v1/hardship-files/{id}']['patch']>;
export type HardshipDecisionBody = RequestJson<paths['/api/v1/hardship-files/{id}/decisions']['post']>;
export type CreateAssistanceBody = RequestJson<paths['/api/v1/hardship-files/{id}/assistance']['post']>;

// Training courses, staff side (/api/v1/courses/...).
export type Course = JsonBody<paths['/api/v1/courses/{id}']['patch']['responses'][200]>;
export type CourseStatus = Course['status'];
/** What the caller may do to a course now (`allowed_actions`). */
export type CourseEvent = Course['allowed_actions'][number];
export type CoursePage = JsonBody<paths['/api/v1/courses']['get']['responses'][200]>;
export type CourseListQuery = Query<paths['/api/v1/courses']['get']>;
export type CourseDetail = JsonBody<paths['/api/v1/courses/{id}']['get']['responses'][200]>;
export type CourseSession = CourseDetail['sessions'][number];
export type CreateCourseBody = RequestJson<paths['/api/v1/courses']['post']>;
export type UpdateCourseBody = RequestJson<paths['/api/v1/courses/{id}']['patch']>;
export type CancelCourseBody = RequestJson<paths['/api/v1/courses/{id}/cancel']['post']>;
export type FinishedCourse = JsonBody<paths['/api/v1/courses/{id}/finish']['post']['responses'][200]>;
export type CreateSessionBody = RequestJson<paths['/api/v1/courses/{id}/sessions']['post']>;
export type Enrolment = JsonBody<paths['/api/v1/courses/{id}/enrolments']['get']['responses'][200]>['items'][number];
/** What the caller may do to an enrolment now (`allowed_actions`). */
export type EnrolmentEvent = Enrolment['allowed_actions'][number];
export type CreateEnrolmentBody = RequestJson<paths['/api/v1/courses/{id}/enrolments']['post']>;
export type EnrolPersonBody = NonNullable<CreateEnrolmentBody['person']>;
export type Withdrawal = JsonBody<paths['/api/v1/courses/{id}/enrolments/{enrolment_id}']['delete']['responses'][200]>;
export type AttendanceSheet = JsonBody<paths['/api/v1/courses/{id}/attendance']['get']['responses'][200]>;
export type AttendanceLine = AttendanceSheet['lines'][number];
export type AttendanceMark = JsonBody<
  paths['/api/v1/courses/{id}/sessions/{session_id}/attendance/{enrolment_id}']['put']['responses'][200]
>;
export type CheckinCode = JsonBody<paths['/api/v1/courses/{id}/sessions/{session_id}/checkin-code']['get']['responses'][200]>;
export type CourseCertificate = JsonBody<paths['/api/v1/courses/{id}/certificates']['get']['responses'][200]>['items'][number];
export type CourseNotice = JsonBody<paths['/api/v1/courses/{id}/notices']['get']['responses'][200]>['items'][number];

// Certificates verified without logging in, the demand board (职工点菜) and a worker's own courses.
export type CertificateCheck = JsonBody<paths['/api/v1/certificates/{code}/verify']['get']['responses'][200]>;
export type CourseRequest = JsonBody<paths['/api/v1/course-requests/{id}/support']['post']['responses'][200]>;
export type CourseRequestPage = JsonBody<paths['/api/v1/course-requests']['get']['responses'][200]>;
export type CourseRequestListQuery = Query<paths['/api/v1/course-requests']['get']>;
export type CreateCourseRequestBody = RequestJson<paths['/api/v1/course-requests']['post']>;
export type ScheduleCourseBody = RequestJson<paths['/api/v1/course-requests/{id}/course']['post']>;
export type OwnCoursePage = JsonBody<paths['/api/v1/me/courses']['get']['responses'][200]>;
export type OwnEnrolment = JsonBody<paths['/api/v1/me/enrolments']['get']['responses'][200]>['items'][number];
export type OwnNotice = JsonBody<paths['/api/v1/me/notices']['get']['responses'][200]>['items'][number];
export type CheckInBody = RequestJson<paths['/api/v1/courses/{id}/sessions/{session_id}/checkin']['post']>;
export type AttendanceStatus = AttendanceMark['status'];
