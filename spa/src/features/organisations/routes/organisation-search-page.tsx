//! /organisations/search — filter organisations in scope; keyset pagination with "load more".
import { Button, Card, Empty, Form, Input, Select, Space, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router';
import type { Organisation, OrganisationKind, OrganisationStatus } from '@/api/types';
import { ProblemAlert } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import { useOrganisationSearch, type OrganisationFilters } from '../api/organisations';
import { ALL_KINDS } from '../components/organisation-form-values';
import { OrganisationStatusTag } from '../components/organisation-status-tag';
import { LoadMore } from '@/components/load-more';

const STATUSES: OrganisationStatus[] = ['active', 'archived'];

function filtersFrom(params: URLSearchParams): OrganisationFilters {
  const kind = params.get('kind');
  const status = params.get('status');
  return {
    q: params.get('q') || undefined,
    kind: kind && (ALL_KINDS as string[]).includes(kind) ? (kind as OrganisationKind) : undefined,
    status: status && (STATUSES as string[]).includes(status) ? (status as OrganisationStatus) : undefined,
    division_code: params.get('division_code') || undefined,
  };
}

export function OrganisationSearchPage() {
  const { t, tEnum } = useI18n();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const [form] = Form.useForm<OrganisationFilters>();
  const result = useOrganisationSearch(filters);
  const rows = result.data?.pages.flatMap((page) => page.items) ?? [];

  const apply = (values: OrganisationFilters) => {
    const next = new URLSearchParams();
    for (const [key, value] of Object.entries(values)) {
      if (typeof value === 'string' && value.trim() !== '') next.set(key, value.trim());
    }
    setParams(next);
  };

  const columns: TableColumnsType<Organisation> = [
    {
      title: t('organisation.fields.name'),
      dataIndex: 'name',
      render: (name: string, org) => <Link to={`/organisations/${org.id}`}>{name}</Link>,
    },
    { title: t('organisation.fields.kind'), dataIndex: 'kind', render: (kind: string) => tEnum('organisation.kinds', kind) },
    { title: t('organisation.fields.division_code'), dataIndex: 'division_code' },
    { title: t('organisation.fields.credit_code'), dataIndex: 'credit_code' },
    { title: t('organisation.fields.chair_name'), dataIndex: 'chair_name' },
    {
      title: t('organisation.fields.status'),
      dataIndex: 'status',
      render: (status: OrganisationStatus) => <OrganisationStatusTag status={status} />,
    },
  ];

  return (
    <Card title={t('organisation.searchTitle')}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Form<OrganisationFilters>
          form={form}
          layout="inline"
          initialValues={filters}
          onFinish={apply}
          data-testid="organisation-filters"
        >
          <Form.Item name="q" label={t('organisation.filters.q')}>
            <Input allowClear data-testid="filter-q" />
          </Form.Item>
          <Form.Item name="kind" label={t('organisation.filters.kind')}>
            <Select
              allowClear
              style={{ width: 180 }}
              placeholder={t('common.all')}
              options={ALL_KINDS.map((kind) => ({ value: kind, label: t(`organisation.kinds.${kind}`) }))}
            />
          </Form.Item>
          <Form.Item name="status" label={t('organisation.filters.status')}>
            <Select
              allowClear
              style={{ width: 120 }}
              placeholder={t('common.all')}
              options={STATUSES.map((status) => ({ value: status, label: t(`organisation.statuses.${status}`) }))}
            />
          </Form.Item>
          <Form.Item
            name="division_code"
            label={t('organisation.filters.division_code')}
            rules={[{ pattern: /^\d{1,6}$/, message: t('validation.divisionCode') }]}
          >
            <Input allowClear maxLength={6} style={{ width: 120 }} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" data-testid="filter-submit">
              {t('common.search')}
            </Button>
            <Button
              onClick={() => {
                form.setFieldsValue({ q: undefined, kind: undefined, status: undefined, division_code: undefined });
                setParams(new URLSearchParams());
              }}
            >
              {t('common.reset')}
            </Button>
          </Space>
        </Form>

        {result.isError && <ProblemAlert error={result.error} onRetry={() => void result.refetch()} />}
        {!result.isError && (
          <Table<Organisation>
            rowKey="id"
            size="middle"
            data-testid="organisation-results"
            loading={result.isPending}
            columns={columns}
            dataSource={rows}
            pagination={false}
            locale={{ emptyText: <Empty description={t('organisation.emptySearch')} /> }}
          />
        )}
        <LoadMore pages={result} />
      </Space>
    </Card>
  );
}
