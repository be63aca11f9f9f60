//! Small tags: the membership status (label from the code list) and the member's flags.
import { Space, Tag } from 'antd';
import type { Member } from '@/api/types';
import { useI18n } from '@/i18n/i18n-provider';
import { useCodes } from '@/lib/code-lists';

export function MemberStatusTag({ status }: { status: string }) {
  const codes = useCodes();
  return (
    <Tag color={status === 'active' ? 'green' : 'default'} data-testid="member-status">
      {codes.label('membership-statuses', status)}
    </Tag>
  );
}

export function MemberFlags({ member }: { member: Pick<Member, 'migrant_worker' | 'new_form_employment' | 'dispatched'> }) {
  const { t } = useI18n();
  return (
    <Space size={[0, 4]} wrap data-testid="member-flags">
      {member.migrant_worker && <Tag color="orange">{t('member.fields.migrant_worker')}</Tag>}
      {member.new_form_employment && <Tag color="blue">{t('member.fields.new_form_employment')}</Tag>}
      {member.dispatched && <Tag color="purple">{t('member.fields.dispatched')}</Tag>}
    </Space>
  );
}
