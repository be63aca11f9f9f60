//! Tags for a request's kind (入会/转会) and status.
import { Tag } from 'antd';
import { useI18n } from '@/i18n/i18n-provider';

const STATUS_COLORS: Record<string, string> = {
  pending: 'gold',
  released: 'blue',
  approved: 'green',
  rejected: 'red',
};

export function RequestKindTag({ kind }: { kind: string }) {
  const { tEnum } = useI18n();
  return (
    <Tag color={kind === 'join' ? 'cyan' : 'purple'} data-testid="request-kind">
      {tEnum('memberRequest.kinds', kind)}
    </Tag>
  );
}

export function RequestStatusTag({ status }: { status: string }) {
  const { tEnum } = useI18n();
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'} data-testid="request-status">
      {tEnum('memberRequest.statuses', status)}
    </Tag>
  );
}
