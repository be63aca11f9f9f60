//! The 困难帮扶 tab: the member's hardship files, newest application first, each linking to its page;
//! with `hardship:write`, register a new one. Opening the tab is an audited read, so it says so.
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { HardshipFile, Member } from '@/api/types';
import { ProblemAlert } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import { useCodes } from '@/lib/code-lists';
import { formatDate } from '@/lib/format';
import { formatYuan } from '@/lib/money';
import { useMemberHardshipFiles } from '../api/hardship-files';
import { HardshipFormModal } from './hardship-form-modal';
import { HardshipStatusTag } from './hardship-status-tag';
import { isReviewDue } from './hardship-logic';

export function MemberHardship({ member, canWrite }: { member: Pick<Member, 'id' | 'name'>; canWrite: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const codes = useCodes();
  const files = useMemberHardshipFiles(member.id);
  const [creating, setCreating] = useState(false);

  const columns: TableColumnsType<HardshipFile> = [
    {
      title: t('hardship.fields.status'),
      dataIndex: 'status',
      render: (status: string) => <HardshipStatusTag status={status} />,
    },
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
      render: (fen: number) => <span data-testid="hardship-income">{formatYuan(fen)}</span>,
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
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_value, file) => (
        <Link to={`/hardship-files/${file.id}`} data-testid="hardship-file-link">
          {t('hardship.view')}
        </Link>
      ),
    },
  ];

  if (files.isPending) return <Skeleton active />;
  if (files.isError) return <ProblemAlert error={files.error} onRetry={() => void files.refetch()} />;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="member-hardship">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        {canWrite ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="hardship-create">
            {t('hardship.create')}
          </Button>
        ) : (
          <span />
        )}
        <Typography.Text type="secondary" data-testid="hardship-tab-notice">
          {t('hardship.tabNotice')}
        </Typography.Text>
      </Space>
      <Table<HardshipFile>
        rowKey="id"
        size="middle"
        data-testid="hardship-results"
        columns={columns}
        dataSource={files.data.items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('hardship.empty')} /> }}
      />
      {creating && (
        <HardshipFormModal
          mode="create"
          member={member}
          onClose={() => setCreating(false)}
          onSaved={() => {
            setCreating(false);
            void message.success(t('hardship.created'));
          }}
        />
      )}
    </Space>
  );
}
