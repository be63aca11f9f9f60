//! The 会籍变化 tab: the membership changes as a timeline, oldest first.
import { Empty, Skeleton, Space, Timeline, Typography } from 'antd';
import type { Member } from '@/api/types';
import { ProblemAlert } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import { useCodes } from '@/lib/code-lists';
import { formatDateTime } from '@/lib/format';
import { useMemberHistory, useOrganisationNames } from '../api/members';

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

export function MemberHistory({ member }: { member: Member }) {
  const { t } = useI18n();
  const codes = useCodes();
  const history = useMemberHistory(member.id);
  const items = history.data?.items ?? [];
  // The history carries union ids only; the member's own union we know by name already.
  const otherIds = [
    ...new Set(
      items
        .flatMap((item) => [item.from_organisation_id, item.to_organisation_id])
        .filter((id): id is string => !!id && id !== member.organisation_id),
    ),
  ];
  const names = useOrganisationNames(otherIds);
  const nameOf = (id: string) => (id === member.organisation_id ? member.organisation_name : (names.get(id) ?? id));

  if (history.isPending) return <Skeleton active />;
  if (history.isError) return <ProblemAlert error={history.error} onRetry={() => void history.refetch()} />;
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
              <Typography.Text>{t('member.historyFrom', { name: nameOf(item.from_organisation_id) })}</Typography.Text>
            )}
            {item.to_organisation_id && (
              <Typography.Text>{t('member.historyTo', { name: nameOf(item.to_organisation_id) })}</Typography.Text>
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
