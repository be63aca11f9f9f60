import { Tag } from 'antd';
import type { OrganisationStatus } from '@/api/types';
import { useI18n } from '@/i18n/i18n-provider';

export function OrganisationStatusTag({ status }: { status: OrganisationStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={status === 'active' ? 'green' : 'default'} data-testid="org-status">
      {t(`organisation.statuses.${status}`)}
    </Tag>
  );
}
