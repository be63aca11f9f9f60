//! /audit — audit events with filters; each row expands to its recorded changes.
import { Button, Card, DatePicker, Empty, Form, Input, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { AuditAction, AuditEvent, AuditResource } from '@/api/types';
import { ProblemAlert } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import { formatDateTime } from '@/lib/format';
import { useAuditEvents, type AuditFilters } from '../api/audit-events';
import { AUDIT_ACTIONS, AUDIT_RESOURCES } from '../audit-vocabulary';

interface FilterValues {
  resource_type?: AuditResource;
  resource_id?: string;
  actor_id?: string;
  action?: AuditAction;
  period?: [Dayjs | null, Dayjs | null] | null;
}

function text(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

export function AuditPage() {
  const { t } = useI18n();
  const [filters, setFilters] = useState<AuditFilters>({});
  const [form] = Form.useForm<FilterValues>();
  const result = useAuditEvents(filters);
  const rows = result.data?.pages.flatMap((page) => page.items) ?? [];

  const columns: TableColumnsType<AuditEvent> = [
    { title: t('audit.fields.occurred_at'), dataIndex: 'occurred_at', render: (value: string) => formatDateTime(value), width: 170 },
    {
      title: t('audit.fields.actor'),
      key: 'actor',
      render: (_: unknown, event) => event.actor_username ?? event.actor_id ?? t('audit.system'),
    },
    { title: t('audit.fields.action'), dataIndex: 'action' },
    { title: t('audit.fields.resource_type'), dataIndex: 'resource_type' },
    {
      title: t('audit.fields.resource_id'),
      dataIndex: 'resource_id',
      render: (value: string) => <Typography.Text copyable={{ text: value }}>{value.slice(-12)}</Typography.Text>,
    },
    { title: t('audit.fields.request_id'), dataIndex: 'request_id', render: (value: string | null | undefined) => value ?? '' },
  ];

  return (
    <Card title={t('audit.title')}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Form<FilterValues>
          form={form}
          layout="inline"
          onFinish={(values) =>
            setFilters({
              resource_type: values.resource_type,
              resource_id: text(values.resource_id),
              actor_id: text(values.actor_id),
              action: values.action,
              from: values.period?.[0]?.startOf('day').toISOString(),
              to: values.period?.[1]?.endOf('day').toISOString(),
            })
          }
        >
          <Form.Item name="resource_type" label={t('audit.filters.resource_type')}>
            <Select
              allowClear
              showSearch
              style={{ width: 180 }}
              data-testid="audit-filter-resource-type"
              options={AUDIT_RESOURCES.map((value) => ({ value, label: value }))}
            />
          </Form.Item>
          <Form.Item name="resource_id" label={t('audit.filters.resource_id')}>
            <Input allowClear />
          </Form.Item>
          <Form.Item name="actor_id" label={t('audit.filters.actor_id')}>
            <Input allowClear />
          </Form.Item>
          <Form.Item name="action" label={t('audit.filters.action')}>
            <Select
              allowClear
              showSearch
              style={{ width: 240 }}
              data-testid="audit-filter-action"
              options={AUDIT_ACTIONS.map((value) => ({ value, label: value }))}
            />
          </Form.Item>
          <Form.Item name="period" label={t('audit.filters.period')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              {t('common.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                setFilters({});
              }}
            >
              {t('common.reset')}
            </Button>
          </Space>
        </Form>
        {result.isError && <ProblemAlert error={result.error} onRetry={() => void result.refetch()} />}
        {!result.isError && (
          <Table<AuditEvent>
            rowKey="id"
            data-testid="audit-results"
            loading={result.isPending}
            columns={columns}
            dataSource={rows}
            pagination={false}
            expandable={{
              rowExpandable: (event) => event.changes !== null && event.changes !== undefined,
              expandedRowRender: (event) => (
                <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{JSON.stringify(event.changes, null, 2)}</pre>
              ),
            }}
            locale={{ emptyText: <Empty description={t('audit.empty')} /> }}
          />
        )}
        {result.hasNextPage && (
          <div style={{ textAlign: 'center' }}>
            <Button onClick={() => void result.fetchNextPage()} loading={result.isFetchingNextPage}>
              {t('common.loadMore')}
            </Button>
          </div>
        )}
      </Space>
    </Card>
  );
}
