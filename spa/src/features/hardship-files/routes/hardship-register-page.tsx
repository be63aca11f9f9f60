//! /hardship-files — 困难职工档案台账: the files of the members in scope, filtered by status, category,
//! name, union and "复核到期"; filters in the URL, keyset pagination with "load more", rows linking to
//! the file. Every page read is audited by the server.
import { Alert, Button, Card, DatePicker, Empty, Form, Input, Select, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router';
import type { HardshipFile } from '@/api/types';
import { OrganisationSelect } from '@/components/organisation-select';
import { ProblemAlert } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import { useCodes } from '@/lib/code-lists';
import { formatDate } from '@/lib/format';
import { formatYuan } from '@/lib/money';
import { useOrganisationName } from '@/lib/organisation-name';
import { useHardshipRegister } from '../api/hardship-files';
import { isReviewDue } from '../components/hardship-logic';
import {
  dueFilterConflicts,
  hardshipFiltersFrom,
  hardshipFilterValues,
  hardshipParamsFrom,
  NAME_MAX,
  type HardshipFilterValues,
} from '../components/hardship-register-filters';
import { HardshipStatusTag } from '../components/hardship-status-tag';
import { LoadMore } from '@/components/load-more';

export function HardshipRegisterPage() {
  const { t } = useI18n();
  const codes = useCodes();
  const [params, setParams] = useSearchParams();
  const filters = hardshipFiltersFrom(params);
  const [form] = Form.useForm<HardshipFilterValues>();
  const result = useHardshipRegister(filters);
  const organisationName = useOrganisationName(filters.organisation_id).data;
  const rows = result.data?.pages.flatMap((page) => page.items) ?? [];

  const columns: TableColumnsType<HardshipFile> = [
    {
      title: t('hardship.fields.member_name'),
      dataIndex: 'member_name',
      render: (name: string, file) => (
        <Link to={`/hardship-files/${file.id}`} data-testid="hardship-file-link">
          {name}
        </Link>
      ),
    },
    { title: t('hardship.fields.organisation_name'), dataIndex: 'organisation_name' },
    { title: t('hardship.fields.status'), dataIndex: 'status', render: (status: string) => <HardshipStatusTag status={status} /> },
    {
      title: t('hardship.fields.category'),
      dataIndex: 'category',
      render: (category: string) => codes.label('hardship-categories', category),
    },
    {
      title: t('hardship.fields.household_size'),
      dataIndex: 'household_size',
      render: (count: number) => t('hardship.householdValue', { count }),
    },
    {
      title: t('hardship.fields.income_yuan'),
      dataIndex: 'monthly_income_per_head_fen',
      align: 'right',
      render: (fen: number) => formatYuan(fen),
    },
    { title: t('hardship.fields.applied_on'), dataIndex: 'applied_on', render: (value: string) => formatDate(value) },
    {
      title: t('hardship.fields.review_due_on'),
      dataIndex: 'review_due_on',
      render: (value: string | null | undefined, file) => (
        <Space size={4}>
          {formatDate(value)}
          {isReviewDue(file) && <Tag color="orange">{t('hardship.reviewDue')}</Tag>}
        </Space>
      ),
    },
  ];

  return (
    <Card title={t('hardship.registerTitle')}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Alert type="info" showIcon message={t('hardship.auditNotice')} data-testid="hardship-audit-notice" />
        <Form<HardshipFilterValues>
          form={form}
          layout="inline"
          initialValues={hardshipFilterValues(filters)}
          onFinish={(values) => setParams(hardshipParamsFrom(values))}
          data-testid="hardship-filters"
          style={{ rowGap: 12 }}
        >
          <Form.Item name="q" label={t('hardship.filters.q')}>
            <Input allowClear maxLength={NAME_MAX} style={{ width: 140 }} data-testid="hardship-filter-q" />
          </Form.Item>
          <Form.Item name="status" label={t('hardship.filters.status')}>
            <Select
              allowClear
              style={{ width: 130 }}
              placeholder={t('common.all')}
              loading={codes.isPending}
              options={codes.options('hardship-statuses')}
              data-testid="hardship-filter-status"
            />
          </Form.Item>
          <Form.Item name="category" label={t('hardship.filters.category')}>
            <Select
              allowClear
              style={{ width: 160 }}
              placeholder={t('common.all')}
              loading={codes.isPending}
              options={codes.options('hardship-categories')}
              data-testid="hardship-filter-category"
            />
          </Form.Item>
          <Form.Item
            name="review_due_before"
            label={t('hardship.filters.review_due_before')}
            tooltip={t('hardship.dueFilterHint')}
          >
            <DatePicker allowClear data-testid="hardship-filter-due" />
          </Form.Item>
          <Form.Item name="organisation_id" label={t('hardship.filters.organisation_id')}>
            <OrganisationSelect
              allowClear
              initialLabel={organisationName}
              placeholder={t('common.all')}
              style={{ width: 260 }}
              data-testid="hardship-filter-organisation"
            />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" data-testid="hardship-filter-submit">
              {t('common.search')}
            </Button>
            <Button
              data-testid="hardship-filter-reset"
              onClick={() => {
                form.resetFields();
                form.setFieldsValue(hardshipFilterValues({}));
                setParams(new URLSearchParams());
              }}
            >
              {t('common.reset')}
            </Button>
          </Space>
        </Form>

        {dueFilterConflicts(filters) && (
          <Alert type="warning" showIcon message={t('hardship.dueConflict')} data-testid="hardship-due-conflict" />
        )}
        {result.isError && <ProblemAlert error={result.error} onRetry={() => void result.refetch()} />}
        {!result.isError && (
          <Table<HardshipFile>
            rowKey="id"
            size="middle"
            data-testid="hardship-register-results"
            loading={result.isPending}
            columns={columns}
            dataSource={rows}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty description={t('hardship.registerEmpty')} /> }}
          />
        )}
        <LoadMore pages={result} />
      </Space>
    </Card>
  );
}
