//! A course's status as a tag (label from the code list), and the "不足开班人数" flag.
import { Tag } from 'antd';
import { useI18n } from '@/i18n/i18n-provider';
import { useCodes } from '@/lib/code-lists';
import { statusColor } from './course-logic';

export function CourseStatusTag({ status }: { status: string }) {
  const codes = useCodes();
  return (
    <Tag color={statusColor(status)} data-testid="course-status">
      {codes.label('course-statuses', status)}
    </Tag>
  );
}

export function BelowMinimumTag() {
  const { t } = useI18n();
  return (
    <Tag color="volcano" data-testid="below-minimum-tag">
      {t('course.belowMinimum')}
    </Tag>
  );
}
