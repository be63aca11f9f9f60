//! The worker's membership at a glance: name, union, card number (or 未发卡), status, joined on, and the
//! masked ID and mobile numbers, the mobile with its editor.
import { IdcardOutlined } from '@ant-design/icons';
import { Card, Descriptions, Space, Tag, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import type { ReactNode } from 'react';
import { MemberStatusTag } from '@/components/member-tags';
import { useI18n } from '@/i18n/i18n-provider';
import { formatDate } from '@/lib/format';
import type { OwnMember } from '../api/self-service';
import { MobileEditor } from './mobile-editor';

export function MembershipCard({ current, extra }: { current: OwnMember; extra?: ReactNode }) {
  const { t } = useI18n();
  const member = current.member;
  const empty = <Typography.Text type="secondary">—</Typography.Text>;

  const items: DescriptionsProps['items'] = [
    {
      key: 'organisation_name',
      label: t('member.fields.organisation_name'),
      children: <span data-testid="my-union">{member.organisation_name}</span>,
    },
    {
      key: 'card_number',
      label: t('member.fields.card_number'),
      children: member.card_number ? (
        <Typography.Text strong copyable data-testid="my-card-number">
          {member.card_number}
        </Typography.Text>
      ) : (
        <Tag data-testid="my-card-number">{t('selfService.noCard')}</Tag>
      ),
    },
    {
      key: 'joined_on',
      label: t('member.fields.joined_on'),
      children: member.joined_on ? <span data-testid="my-joined-on">{formatDate(member.joined_on)}</span> : empty,
    },
    {
      key: 'id_number',
      label: t('member.fields.id_number'),
      children: <span data-testid="my-id-number">{member.id_number}</span>,
    },
    { key: 'mobile', label: t('member.fields.mobile'), children: <MobileEditor current={current} /> },
  ];

  return (
    <Card
      data-testid="my-membership-card"
      title={
        <Space style={{ padding: '8px 0' }}>
          <IdcardOutlined />
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="my-name">
            {member.name}
          </Typography.Title>
          <MemberStatusTag status={member.status} />
        </Space>
      }
      extra={extra}
    >
      <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }} items={items} />
    </Card>
  );
}
