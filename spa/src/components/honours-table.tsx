//! A member's honours as a table (kind, level, title, date, awarding body), labels from the code lists.
//! Shared by the member page's 荣誉 tab (staff, with a remove action) and 我的会籍 (read-only).
import { Empty, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import type { Honour } from '@/api/types';
import { useI18n } from '@/i18n/i18n-provider';
import { useCodes } from '@/lib/code-lists';
import { formatDate } from '@/lib/format';

export function HonoursTable({ honours, actions }: { honours: Honour[]; actions?: (honour: Honour) => ReactNode }) {
  const { t } = useI18n();
  const codes = useCodes();

  const columns: TableColumnsType<Honour> = [
    { title: t('honour.fields.title'), dataIndex: 'title', render: (title: string) => <strong>{title}</strong> },
    {
      title: t('honour.fields.kind'),
      dataIndex: 'kind',
      render: (kind: string) => (
        <Tag color={kind === 'model_worker' ? 'red' : 'gold'} data-testid="honour-kind-label">
          {codes.label('honour-kinds', kind)}
        </Tag>
      ),
    },
    { title: t('honour.fields.level'), dataIndex: 'level', render: (level: string) => codes.label('honour-levels', level) },
    { title: t('honour.fields.awarded_on'), dataIndex: 'awarded_on', render: (value: string) => formatDate(value) },
    { title: t('honour.fields.awarding_body'), dataIndex: 'awarding_body' },
  ];
  if (actions) {
    columns.push({ title: t('common.actions'), key: 'actions', render: (_value, honour) => actions(honour) });
  }

  return (
    <Table<Honour>
      rowKey="id"
      size="middle"
      data-testid="honour-results"
      columns={columns}
      dataSource={honours}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <Empty description={t('honour.empty')} /> }}
    />
  );
}
