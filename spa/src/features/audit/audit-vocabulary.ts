//! The audit log's vocabulary as the API lists it (`AuditAction`, `AuditResource` in the OpenAPI document).
//! The type checks below fail the build when the API adds a value this list lacks.
import type { AuditAction, AuditResource } from '@/api/types';

export const AUDIT_ACTIONS = [
  'account.create',
  'account.login',
  'account.refresh_token_reused',
  'account.update',
  'certificate.revoke',
  'course.attendance_mark',
  'course.cancel',
  'course.create',
  'course.enrol',
  'course.finish',
  'course.publish',
  'course.session_add',
  'course.session_remove',
  'course.start',
  'course.update',
  'course.withdraw',
  'course_request.create',
  'hardship_file.assistance_add',
  'hardship_file.create',
  'hardship_file.decide',
  'hardship_file.evidence_add',
  'hardship_file.evidence_download',
  'hardship_file.evidence_remove',
  'hardship_file.list',
  'hardship_file.read',
  'hardship_file.update',
  'member.change',
  'member.create',
  'member.export',
  'member.honour_add',
  'member.honour_remove',
  'member.reveal',
  'member.transfer',
  'member.update',
  'member.update_own_contact',
  'member_cards.issue',
  'member_import.commit',
  'member_import.upload',
  'membership_request.approve',
  'membership_request.create',
  'membership_request.reject',
  'membership_request.release',
  'organisation.archive',
  'organisation.create',
  'organisation.move',
  'organisation.restore',
  'organisation.update',
] as const satisfies readonly AuditAction[];

export const AUDIT_RESOURCES = [
  'organisation',
  'account',
  'member',
  'member_import',
  'membership_request',
  'hardship_file',
  'course',
  'course_request',
] as const satisfies readonly AuditResource[];

type MissingAction = Exclude<AuditAction, (typeof AUDIT_ACTIONS)[number]>;
type MissingResource = Exclude<AuditResource, (typeof AUDIT_RESOURCES)[number]>;
/** Compile-time completeness: `never` unless a value is missing above. */
export const AUDIT_VOCABULARY_COMPLETE: [MissingAction, MissingResource] extends [never, never] ? true : never = true;
