//! 会籍变化: a membership history as a timeline, oldest first. Shared by the member page (staff) and
//! 我的会籍 (the worker's own); each passes its own query.
import type { UseQueryResult } from '@tanstack/react-query';
import { Empty, Skeleton, Space, Timeline, Typography } from 'antd';
import type { MembershipHistory } from '@/api/types';
import { useI18n } from '@/i18n/i18n-provider';
import { useCodes } from '@/lib/code-lists';
import { formatDateTime } from '@/lib/format';
import { ProblemAlert } from './problem-alert';

const COLORS: Record<string, string> = {
  join: 'green',
  transfer_in: 'blue',
  transfer_out: 'blue',
  restore: 'green',
  suspend: 'orange',
  retain: 'orange',
  leave: 'gray',
  death: 'gray',
};

export function MembershipHistoryTimeline({ history }: { history: UseQueryResult<MembershipHistory> }) {
  const { t } = useI18n();
  const codes = useCodes();

  if (history.isPending) return <Skeleton active />;
  if (history.isError) return <ProblemAlert error={history.error} onRetry={() => void history.refetch()} />;
  const items = history.data.items;
  if (items.length === 0) return <Empty description={t('member.historyEmpty')} />;

  return (
    <Timeline
      data-testid="member-history"
      mode="left"
      items={items.map((item) => ({
        key: item.id,
        color: COLORS[item.change] ?? 'blue',
        label: item.effective_on,
        children: (
          <Space direction="vertical" size={0} data-testid="member-history-item">
            <Typography.Text strong>{codes.label('membership-change-reasons', item.change)}</Typography.Text>
            {item.from_organisation_id && (
              <Typography.Text>
                {t('member.historyFrom', { name: item.from_organisation_name ?? item.from_organisation_id })}
              </Typography.Text>
            )}
            {item.to_organisation_id && (
              <Typography.Text>
                {t('member.historyTo', { name: item.to_organisation_name ?? item.to_organisation_id })}
              </Typography.Text>
            )}
            {item.reason && <Typography.Text>{t('member.historyReason', { reason: item.reason })}</Typography.Text>}
            <Typography.Text type="secondary">
              {t('member.historyRecorded', { time: formatDateTime(item.recorded_at) })}
            </Typography.Text>
          </Space>
        ),
      }))}
    />
  );
}
