//! 我的通知: what happened to the worker's courses and requests (a course cancelled, a place from the
//! waitlist, a requested course opened), newest first.
import { BellOutlined } from '@ant-design/icons';
import type { UseQueryResult } from '@tanstack/react-query';
import { Empty, List, Space, Tag, Typography } from 'antd';
import type { OwnNotice } from '@/api/types';
import { ProblemAlert } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import { formatDateTime } from '@/lib/format';

const KIND_COLOURS: Record<string, string> = {
  course_cancelled: 'red',
  waitlist_promoted: 'green',
  request_scheduled: 'blue',
};

export function OwnNotices({ notices }: { notices: UseQueryResult<{ items: OwnNotice[] }> }) {
  const { t, tEnum } = useI18n();
  if (notices.isError) return <ProblemAlert error={notices.error} onRetry={() => void notices.refetch()} />;
  return (
    <List<OwnNotice>
      data-testid="my-notices"
      loading={notices.isPending}
      dataSource={notices.data?.items ?? []}
      rowKey="id"
      locale={{ emptyText: <Empty description={t('myCourses.noticesEmpty')} /> }}
      renderItem={(notice) => (
        <List.Item data-testid="my-notice">
          <List.Item.Meta
            avatar={<BellOutlined />}
            title={
              <Space wrap>
                <Tag color={KIND_COLOURS[notice.kind]}>{tEnum('myCourses.noticeKinds', notice.kind)}</Tag>
                <Typography.Text type="secondary">{formatDateTime(notice.created_at)}</Typography.Text>
              </Space>
            }
            description={<Typography.Text>{notice.message}</Typography.Text>}
          />
        </List.Item>
      )}
    />
  );
}
