//! The right-hand panel: breadcrumb, the organisation's fields with Chinese labels, and actions (archive and
//! restore exactly as the server allows them: the organisation's `allowed_actions`).
import { Breadcrumb, Button, Card, Descriptions, Popconfirm, Space, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Organisation, OrganisationSummary } from '@/api/types';
import { useI18n } from '@/i18n/i18n-provider';
import type { Dictionary } from '@/i18n/zh-CN';
import { formatDate, formatDateTime } from '@/lib/format';
import { OrganisationStatusTag } from './organisation-status-tag';

export interface OrganisationActions {
  canWrite: boolean;
  canUpdate: boolean;
  /** The caller's own root: it cannot be moved from here. */
  isScopeRoot: boolean;
  busy: boolean;
  onCreateChild: () => void;
  onEdit: () => void;
  onMove: () => void;
  onArchive: () => void;
  onRestore: () => void;
}

export function OrganisationDetail({
  organisation: org,
  ancestors,
  actions,
}: {
  organisation: Organisation;
  ancestors: OrganisationSummary[] | undefined;
  actions: OrganisationActions;
}) {
  const { t, tEnum } = useI18n();
  const empty = <Typography.Text type="secondary">—</Typography.Text>;
  const show = (value: ReactNode) => (value === null || value === undefined || value === '' ? empty : value);
  const label = (field: keyof Dictionary['organisation']['fields']) => t(`organisation.fields.${field}`);

  const items: DescriptionsProps['items'] = [
    { key: 'kind', label: label('kind'), children: tEnum('organisation.kinds', org.kind) },
    { key: 'status', label: label('status'), children: <OrganisationStatusTag status={org.status} /> },
    { key: 'short_name', label: label('short_name'), children: show(org.short_name) },
    { key: 'division_code', label: label('division_code'), children: show(org.division_code) },
    { key: 'credit_code', label: label('credit_code'), children: show(org.credit_code) },
    { key: 'legal_person_certificate', label: label('legal_person_certificate'), children: show(org.legal_person_certificate) },
    { key: 'address', label: label('address'), children: show(org.address), span: 2 },
    { key: 'ownership', label: label('ownership'), children: show(tEnum('organisation.ownerships', org.ownership)) },
    { key: 'industry', label: label('industry'), children: show(org.industry) },
    { key: 'headcount', label: label('headcount'), children: show(org.headcount) },
    { key: 'women_headcount', label: label('women_headcount'), children: show(org.women_headcount) },
    { key: 'founded_on', label: label('founded_on'), children: show(formatDate(org.founded_on)) },
    { key: 'chair_name', label: label('chair_name'), children: show(org.chair_name) },
    { key: 'chair_contact', label: label('chair_contact'), children: show(org.chair_contact) },
    { key: 'created_at', label: label('created_at'), children: formatDateTime(org.created_at) },
    { key: 'updated_at', label: label('updated_at'), children: formatDateTime(org.updated_at) },
  ];

  const active = org.status === 'active';
  return (
    <Card
      data-testid="organisation-detail"
      title={
        <Space direction="vertical" size={4} style={{ padding: '12px 0' }}>
          {ancestors && ancestors.length > 1 && (
            <Breadcrumb
              data-testid="organisation-breadcrumb"
              items={ancestors.map((item, index) => ({
                key: item.id,
                title: index === ancestors.length - 1 ? item.name : <Link to={`/organisations/${item.id}`}>{item.name}</Link>,
              }))}
            />
          )}
          <Space>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="organisation-name">
              {org.name}
            </Typography.Title>
            <OrganisationStatusTag status={org.status} />
          </Space>
        </Space>
      }
      extra={
        <Space wrap>
          {actions.canWrite && active && (
            <Button type="primary" onClick={actions.onCreateChild} data-testid="action-create-child">
              {t('organisation.actions.createChild')}
            </Button>
          )}
          {actions.canUpdate && (
            <Button onClick={actions.onEdit} data-testid="action-edit">
              {t('organisation.actions.edit')}
            </Button>
          )}
          {actions.canWrite && !actions.isScopeRoot && (
            <Button onClick={actions.onMove} data-testid="action-move">
              {t('organisation.actions.move')}
            </Button>
          )}
          {org.allowed_actions.includes('archive') && (
            <Popconfirm
              title={t('organisation.confirmArchive', { name: org.name })}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
              onConfirm={actions.onArchive}
            >
              <Button danger loading={actions.busy} data-testid="action-archive">
                {t('organisation.actions.archive')}
              </Button>
            </Popconfirm>
          )}
          {org.allowed_actions.includes('restore') && (
            <Popconfirm
              title={t('organisation.confirmRestore', { name: org.name })}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
              onConfirm={actions.onRestore}
            >
              <Button loading={actions.busy} data-testid="action-restore">
                {t('organisation.actions.restore')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      }
    >
      <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 }} items={items} />
    </Card>
  );
}
