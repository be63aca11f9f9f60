//! /accounts — list with filters, create, edit (role, organisation, disable, reset password).
import { App, Button, Card, Empty, Form, Input, Select, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import type { Account, CreatedAccount, Role } from '@/api/types';
import { ProblemAlert } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import { formatDateTime } from '@/lib/format';
import { hasPermission, PERMISSIONS } from '@/lib/permissions';
import { useMe } from '@/lib/session';
import { ROLES, useAccounts, type AccountFilters } from '../api/accounts';
import { CreateAccountModal, EditAccountModal } from '../components/account-form-modal';
import { ClientSecretModal } from '../components/client-secret-modal';

interface FilterValues {
  q?: string;
  role?: Role;
  disabled?: 'true' | 'false';
}

export function AccountsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const me = useMe().data;
  const canWrite = hasPermission(me, PERMISSIONS.accountsWrite);
  const [filters, setFilters] = useState<AccountFilters>({});
  const [form] = Form.useForm<FilterValues>();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [secret, setSecret] = useState<CreatedAccount | null>(null);
  const result = useAccounts(filters);
  const rows = result.data?.pages.flatMap((page) => page.items) ?? [];

  const columns: TableColumnsType<Account> = [
    { title: t('account.fields.username'), dataIndex: 'username' },
    { title: t('account.fields.display_name'), dataIndex: 'display_name' },
    { title: t('account.fields.role'), dataIndex: 'role', render: (role: Role) => t(`account.roles.${role}`) },
    { title: t('account.fields.organisation_name'), dataIndex: 'organisation_name' },
    {
      title: t('account.fields.disabled'),
      dataIndex: 'disabled',
      render: (disabled: boolean) =>
        disabled ? <Tag>{t('account.disabledLabel')}</Tag> : <Tag color="green">{t('account.enabled')}</Tag>,
    },
    {
      title: t('account.fields.last_login_at'),
      dataIndex: 'last_login_at',
      render: (value: string | null | undefined) => (value ? formatDateTime(value) : t('account.neverLoggedIn')),
    },
    ...(canWrite
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, account: Account) => (
              <Button type="link" onClick={() => setEditing(account.id)} data-testid={`edit-account-${account.username}`}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      title={t('account.title')}
      extra={
        canWrite && (
          <Button type="primary" onClick={() => setCreating(true)} data-testid="create-account">
            {t('account.create')}
          </Button>
        )
      }
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Form<FilterValues>
          form={form}
          layout="inline"
          onFinish={(values) =>
            setFilters({
              q: values.q?.trim() || undefined,
              role: values.role,
              disabled: values.disabled === undefined ? undefined : values.disabled === 'true',
            })
          }
        >
          <Form.Item name="q" label={t('account.filters.q')}>
            <Input allowClear />
          </Form.Item>
          <Form.Item name="role" label={t('account.filters.role')}>
            <Select
              allowClear
              style={{ width: 150 }}
              placeholder={t('common.all')}
              options={ROLES.map((value) => ({ value, label: t(`account.roles.${value}`) }))}
            />
          </Form.Item>
          <Form.Item name="disabled" label={t('account.filters.disabled')}>
            <Select
              allowClear
              style={{ width: 120 }}
              placeholder={t('common.all')}
              options={[
                { value: 'false', label: t('account.enabled') },
                { value: 'true', label: t('account.disabledLabel') },
              ]}
            />
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
          <Table<Account>
            rowKey="id"
            data-testid="account-results"
            loading={result.isPending}
            columns={columns}
            dataSource={rows}
            pagination={false}
            locale={{ emptyText: <Empty description={t('account.empty')} /> }}
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
      {creating && (
        <CreateAccountModal
          onClose={() => setCreating(false)}
          onCreated={(created) => {
            setCreating(false);
            void message.success(t('account.created', { username: created.username }));
            if (created.client_secret) setSecret(created);
          }}
        />
      )}
      {editing && (
        <EditAccountModal
          id={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void message.success(t('account.updated'));
          }}
        />
      )}
      {secret?.client_secret && (
        <ClientSecretModal clientId={secret.username} secret={secret.client_secret} onClose={() => setSecret(null)} />
      )}
    </Card>
  );
}
