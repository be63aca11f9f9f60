//! The worker's own words for what the course endpoints refuse: "you" rather than "this person".
import type { I18n } from '@/i18n/i18n-provider';
import { ApiError } from '@/lib/api-error';

export function ownCourseErrorMessage(error: unknown, { t, tError }: Pick<I18n, 't' | 'tError'>): string {
  if (!(error instanceof ApiError)) return tError('generic');
  switch (error.code) {
    case 'enrolment_exists':
      return t('myCourses.errors.enrolmentExists');
    case 'course_not_eligible':
      return t('myCourses.errors.notEligible');
    case 'enrolment_closed':
      return t('myCourses.errors.enrolmentClosed');
    case 'course_started':
      return t('myCourses.errors.courseStarted');
    case 'member_status_not_allowed':
      return t('myCourses.errors.memberInactive');
    case 'not_found':
      return t('myCourses.errors.courseGone');
    default:
      return tError(error.code);
  }
}
