//! 通知: what the course told whom — cancellations, moves up from the waitlist, a course request
//! scheduled — oldest first, as the server recorded them.
import { Empty, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import type { CourseNotice } from '@/api/types';
import { ProblemAlert } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import { formatDateTime } from '@/lib/format';
import { useNotices } from '../api/courses';

const KIND_COLORS: Record<string, string> = { course_cancelled: 'red', waitlist_promoted: 'green', request_scheduled: 'blue' };

export function CourseNotices({ courseId }: { courseId: string }) {
  const { t, tEnum } = useI18n();
  const result = useNotices(courseId);

  const columns: TableColumnsType<CourseNotice> = [
    { title: t('course.notices.fields.created_at'), dataIndex: 'created_at', render: (value: string) => formatDateTime(value) },
    {
      title: t('course.notices.fields.kind'),
      dataIndex: 'kind',
      render: (kind: string) => <Tag color={KIND_COLORS[kind] ?? 'default'}>{tEnum('course.notices.kinds', kind)}</Tag>,
    },
    { title: t('course.notices.fields.message'), dataIndex: 'message' },
  ];

  if (result.isError) return <ProblemAlert error={result.error} onRetry={() => void result.refetch()} />;
  return (
    <Table<CourseNotice>
      rowKey="id"
      size="small"
      data-testid="notice-results"
      loading={result.isPending}
      columns={columns}
      dataSource={result.data?.items ?? []}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <Empty description={t('course.notices.empty')} /> }}
    />
  );
}
