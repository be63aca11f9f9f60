//! The 基本信息 tab: the member's fields with labels from the code lists. The full ID and mobile
//! numbers appear in place only when the page passes them (after a reveal).
import { Descriptions, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import type { ReactNode } from 'react';
import type { Member, RevealedMember } from '@/api/types';
import { useI18n } from '@/i18n/i18n-provider';
import type { Dictionary } from '@/i18n/zh-CN';
import { useCodes } from '@/lib/code-lists';
import { formatDate, formatDateTime } from '@/lib/format';
import { MemberFlags, MemberStatusTag } from '@/components/member-tags';

export function MemberProfile({ member, revealed }: { member: Member; revealed: RevealedMember | null }) {
  const { t } = useI18n();
  const codes = useCodes();
  const empty = <Typography.Text type="secondary">—</Typography.Text>;
  const show = (value: ReactNode) => (value === null || value === undefined || value === '' ? empty : value);
  const label = (field: keyof Dictionary['member']['fields']) => t(`member.fields.${field}`);
  const idNumber = revealed?.id_number ?? member.id_number;
  const mobile = revealed ? revealed.mobile : member.mobile;

  const items: DescriptionsProps['items'] = [
    { key: 'name', label: label('name'), children: member.name },
    {
      key: 'id_number',
      label: label('id_number'),
      children: (
        <Typography.Text copyable={revealed ? { text: idNumber } : false} data-testid="member-id-number-value">
          {idNumber}
        </Typography.Text>
      ),
    },
    { key: 'gender', label: label('gender'), children: codes.label('genders', member.gender) },
    { key: 'birth_date', label: label('birth_date'), children: formatDate(member.birth_date) },
    {
      key: 'mobile',
      label: label('mobile'),
      children: show(mobile ? <span data-testid="member-mobile-value">{mobile}</span> : null),
    },
    { key: 'ethnicity', label: label('ethnicity'), children: show(codes.label('ethnicities', member.ethnicity)) },
    { key: 'organisation_name', label: label('organisation_name'), children: member.organisation_name },
    { key: 'status', label: label('status'), children: <MemberStatusTag status={member.status} /> },
    { key: 'joined_on', label: label('joined_on'), children: show(formatDate(member.joined_on)) },
    { key: 'card_number', label: label('card_number'), children: show(member.card_number) },
    { key: 'education', label: label('education'), children: show(codes.label('education-levels', member.education)) },
    {
      key: 'political_status',
      label: label('political_status'),
      children: show(codes.label('political-statuses', member.political_status)),
    },
    { key: 'hukou_type', label: label('hukou_type'), children: show(codes.label('hukou-types', member.hukou_type)) },
    { key: 'hukou_division', label: label('hukou_division'), children: show(member.hukou_division) },
    {
      key: 'employment_status',
      label: label('employment_status'),
      children: show(codes.label('employment-statuses', member.employment_status)),
    },
    { key: 'skill_level', label: label('skill_level'), children: show(codes.label('skill-levels', member.skill_level)) },
    { key: 'flags', label: label('flags'), children: <MemberFlags member={member} /> },
    {
      key: 'new_form_kind',
      label: label('new_form_kind'),
      children: show(codes.label('new-form-employment-kinds', member.new_form_kind)),
    },
    { key: 'created_at', label: label('created_at'), children: formatDateTime(member.created_at) },
    { key: 'updated_at', label: label('updated_at'), children: formatDateTime(member.updated_at) },
  ];

  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 }}
      items={items}
      data-testid="member-profile"
    />
  );
}
