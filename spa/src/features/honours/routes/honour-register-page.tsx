//! /members/honours — 劳模名册: the honoured members in scope, model workers unless another kind is
//! chosen; filters in the URL, keyset pagination with "load more", names linking to the member.
import { Button, Card, Empty, Form, Select, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router';
import type { Honour } from '@/api/types';
import { OrganisationSelect } from '@/components/organisation-select';
import { ProblemAlert } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import { useCodes } from '@/lib/code-lists';
import { formatDate } from '@/lib/format';
import { useOrganisationName } from '@/lib/organisation-name';
import { useHonourRegister } from '../api/honours';
import {
  ALL_KINDS,
  DEFAULT_HONOUR_KIND,
  honourFiltersFrom,
  honourFilterValues,
  honourParamsFrom,
  type HonourFilterValues,
} from '../components/honour-register-filters';
import { LoadMore } from '@/components/load-more';

export function HonourRegisterPage() {
  const { t } = useI18n();
  const codes = useCodes();
  const [params, setParams] = useSearchParams();
  const filters = honourFiltersFrom(params);
  const [form] = Form.useForm<HonourFilterValues>();
  const result = useHonourRegister(filters);
  const organisationName = useOrganisationName(filters.organisation_id).data;
  const rows = result.data?.pages.flatMap((page) => page.items) ?? [];

  const columns: TableColumnsType<Honour> = [
    {
      title: t('honour.fields.member_name'),
      dataIndex: 'member_name',
      render: (name: string | null, honour) => (
        <Link to={`/members/${honour.member_id}`} data-testid="honour-member-link">
          {name ?? honour.member_id}
        </Link>
      ),
    },
    { title: t('honour.fields.organisation_name'), dataIndex: 'organisation_name' },
    { title: t('honour.fields.title'), dataIndex: 'title' },
    {
      title: t('honour.fields.kind'),
      dataIndex: 'kind',
      render: (kind: string) => (
        <Tag color={kind === 'model_worker' ? 'red' : 'gold'}>{codes.label('honour-kinds', kind)}</Tag>
      ),
    },
    { title: t('honour.fields.level'), dataIndex: 'level', render: (level: string) => codes.label('honour-levels', level) },
    { title: t('honour.fields.awarded_on'), dataIndex: 'awarded_on', render: (value: string) => formatDate(value) },
    { title: t('honour.fields.awarding_body'), dataIndex: 'awarding_body' },
  ];

  return (
    <Card title={t('honour.registerTitle')}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Form<HonourFilterValues>
          form={form}
          layout="inline"
          initialValues={honourFilterValues(filters)}
          onFinish={(values) => setParams(honourParamsFrom(values))}
          data-testid="honour-filters"
          style={{ rowGap: 12 }}
        >
          <Form.Item name="kind" label={t('honour.filters.kind')}>
            <Select
              style={{ width: 160 }}
              loading={codes.isPending}
              options={[{ value: ALL_KINDS, label: t('honour.allKinds') }, ...codes.options('honour-kinds')]}
              data-testid="honour-filter-kind"
            />
          </Form.Item>
          <Form.Item name="level" label={t('honour.filters.level')}>
            <Select
              allowClear
              style={{ width: 160 }}
              placeholder={t('common.all')}
              loading={codes.isPending}
              options={codes.options('honour-levels')}
              data-testid="honour-filter-level"
            />
          </Form.Item>
          <Form.Item name="organisation_id" label={t('honour.filters.organisation_id')}>
            <OrganisationSelect
              allowClear
              initialLabel={organisationName}
              placeholder={t('common.all')}
              style={{ width: 260 }}
              data-testid="honour-filter-organisation"
            />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" data-testid="honour-filter-submit">
              {t('common.search')}
            </Button>
            <Button
              data-testid="honour-filter-reset"
              onClick={() => {
                form.resetFields();
                form.setFieldsValue({ kind: DEFAULT_HONOUR_KIND, level: undefined, organisation_id: undefined });
                setParams(new URLSearchParams());
              }}
            >
              {t('common.reset')}
            </Button>
          </Space>
        </Form>

        {result.isError && <ProblemAlert error={result.error} onRetry={() => void result.refetch()} />}
        {!result.isError && (
          <Table<Honour>
            rowKey="id"
            size="middle"
            data-testid="honour-register-results"
            loading={result.isPending}
            columns={columns}
            dataSource={rows}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty description={t('honour.registerEmpty')} /> }}
          />
        )}
        <LoadMore pages={result} />
      </Space>
    </Card>
  );
}
