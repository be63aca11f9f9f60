//! Pure rules of 我的会籍: which request is still open, whether a transfer may be asked for, the union id
//! typed for a transfer, the mobile update's body, and the messages for a transfer's field errors.
import type { FieldError, Member, MembershipRequest, UpdateOwnContactBody } from '@/api/types';
import { normaliseMobile } from '@/lib/mobile-number';

/** A request the unions have not decided yet (a transfer is `released` between the two sides). */
const OPEN_STATUSES = ['pending', 'released'];

/** The worker's request still under way, if any (the API takes one open request per person). */
export function openRequest(requests: readonly MembershipRequest[] | undefined): MembershipRequest | undefined {
  return (requests ?? []).find((request) => OPEN_STATUSES.includes(request.status));
}

export type TransferBlock = 'inactive' | 'request_open';

/** Why a transfer cannot be asked for now, or null when it can. */
export function transferBlock(
  member: Pick<Member, 'status'>,
  requests: readonly MembershipRequest[] | undefined,
): TransferBlock | null {
  if (member.status !== 'active') return 'inactive';
  if (openRequest(requests)) return 'request_open';
  return null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A union id as typed or pasted: surrounding blanks dropped, letters in lower case like the API's ids. */
export function normaliseUnionId(raw: string): string {
  return raw.trim().toLowerCase();
}

/** Whether it looks like an id at all (the API still decides whether such a union exists). */
export function isUnionId(raw: string): boolean {
  return UUID.test(normaliseUnionId(raw));
}

/** The `PATCH /me/member` body for a new mobile number (spaces and dashes dropped). */
export function mobileBody(raw: string): UpdateOwnContactBody {
  return { mobile: normaliseMobile(raw.trim()) };
}

/** Field errors of a transfer that deserve their own words; the rest go through the general texts. */
export type TransferTargetProblem = 'not_found' | 'not_allowed' | 'same_union';

export function transferTargetProblem(error: Pick<FieldError, 'field' | 'code'>): TransferTargetProblem | null {
  if (error.field !== 'to_organisation_id') return null;
  switch (error.code) {
    case 'not_found':
      return 'not_found';
    case 'not_allowed':
      return 'not_allowed';
    case 'invalid_value':
      return 'same_union';
    default:
      return null;
  }
}
