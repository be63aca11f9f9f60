//! Create and edit dialogs for accounts (role, organisation, disable, reset password).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Select, Skeleton, Space, Switch } from 'antd';
import { useState } from 'react';
import type { Account, CreateAccountBody, CreatedAccount, Role, UpdateAccountBody } from '@/api/types';
import { OrganisationSelect } from '@/components/organisation-select';
import { ProblemAlert } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import { ApiError } from '@/lib/api-error';
import { newIdempotencyKey } from '@/lib/idempotency';
import { INTEGRATION_SCOPES, type Permission } from '@/lib/permissions';
import { applyProblemToForm } from '@/lib/problem';
import { accountKeys, createAccount, ROLES, updateAccount, useAccount, type VersionedAccount } from '../api/accounts';

interface AccountFormValues {
  username: string;
  display_name: string;
  role: Role;
  organisation_id: string;
  password?: string;
  scopes?: Permission[];
  disabled?: boolean;
}

const FIELDS = ['username', 'display_name', 'role', 'organisation_id', 'password', 'scopes', 'disabled'];
const PASSWORD_MIN = 10;
const USERNAME = /^[a-z0-9._-]{3,50}$/;

/** At least two of: letters, digits, other characters (the API's rule). */
export function passwordHasTwoKinds(password: string): boolean {
  const kinds = [/[A-Za-z]/, /\d/, /[^A-Za-z\d]/].filter((re) => re.test(password)).length;
  return kinds >= 2;
}

function AccountFields({ mode, account }: { mode: 'create' | 'edit'; account?: Account }) {
  const { t, tEnum } = useI18n();
  const role = Form.useWatch<Role | undefined>('role');
  const required = (label: string) => ({ required: true, whitespace: true, message: t('validation.required', { field: label }) });
  return (
    <>
      <Form.Item
        name="username"
        label={t('account.fields.username')}
        rules={mode === 'create' ? [required(t('account.fields.username')), { pattern: USERNAME, message: t('validation.username') }] : []}
      >
        <Input disabled={mode === 'edit'} autoComplete="off" data-testid="account-username" />
      </Form.Item>
      <Form.Item name="display_name" label={t('account.fields.display_name')} rules={[required(t('account.fields.display_name'))]}>
        <Input data-testid="account-display-name" />
      </Form.Item>
      <Form.Item name="role" label={t('account.fields.role')} rules={[{ required: true, message: t('validation.required', { field: t('account.fields.role') }) }]}>
        <Select data-testid="account-role" options={ROLES.map((value) => ({ value, label: t(`account.roles.${value}`) }))} />
      </Form.Item>
      <Form.Item
        name="organisation_id"
        label={t('account.fields.organisation_id')}
        rules={[{ required: true, message: t('validation.required', { field: t('account.fields.organisation_id') }) }]}
      >
        <OrganisationSelect initialLabel={account?.organisation_name} data-testid="account-organisation" />
      </Form.Item>
      {role === 'integration' ? (
        <Form.Item name="scopes" label={t('account.fields.scopes')}>
          <Select
            mode="multiple"
            data-testid="account-scopes"
            options={INTEGRATION_SCOPES.map((value) => ({ value, label: `${tEnum('permissions', value)} (${value})` }))}
          />
        </Form.Item>
      ) : (
        <Form.Item
          name="password"
          label={mode === 'create' ? t('account.fields.password') : t('account.fields.newPassword')}
          extra={mode === 'create' ? t('account.passwordHint') : t('account.newPasswordHint')}
          rules={[
            ...(mode === 'create' ? [{ required: true, message: t('validation.required', { field: t('account.fields.password') }) }] : []),
            { min: PASSWORD_MIN, message: t('validation.passwordTooShort', { min: PASSWORD_MIN }) },
            {
              validator: (_rule, value: string | undefined) =>
                !value || passwordHasTwoKinds(value) ? Promise.resolve() : Promise.reject(new Error(t('validation.passwordKinds'))),
            },
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="account-password" />
        </Form.Item>
      )}
      {mode === 'edit' && (
        <Form.Item name="disabled" label={t('account.disable')} valuePropName="checked">
          <Switch data-testid="account-disabled" />
        </Form.Item>
      )}
    </>
  );
}

export function CreateAccountModal({ onClose, onCreated }: { onClose: () => void; onCreated: (created: CreatedAccount) => void }) {
  const { t, tError, tFieldError } = useI18n();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<AccountFormValues>();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [messages, setMessages] = useState<string[] | undefined>();
  const mutation = useMutation({
    mutationFn: (values: AccountFormValues) => {
      const body: CreateAccountBody = {
        username: values.username.trim(),
        display_name: values.display_name.trim(),
        role: values.role,
        organisation_id: values.organisation_id,
        ...(values.role === 'integration' ? { scopes: values.scopes ?? [] } : { password: values.password }),
      };
      return createAccount(body, idempotencyKey);
    },
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: accountKeys.all });
      onCreated(created);
    },
    onError: (error) => {
      setMessages(error instanceof ApiError ? applyProblemToForm(error, form, FIELDS, tFieldError, tError) : undefined);
    },
  });
  return (
    <Modal
      open
      title={t('account.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      maskClosable={false}
      okButtonProps={{ 'data-testid': 'account-form-submit' }}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {mutation.isError && (messages === undefined || messages.length > 0) && <ProblemAlert error={mutation.error} messages={messages} />}
        <Form<AccountFormValues> form={form} layout="vertical" initialValues={{ role: 'union_officer' }} onFinish={(values) => mutation.mutate(values)}>
          <AccountFields mode="create" />
        </Form>
      </Space>
    </Modal>
  );
}

function changed<T>(after: T, before: T): boolean {
  return JSON.stringify(after) !== JSON.stringify(before);
}

export function EditAccountModal({ id, onClose, onSaved }: { id: string; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const detail = useAccount(id);
  const [stale, setStale] = useState(false);
  return (
    <Modal
      open
      title={detail.data ? t('account.editTitle', { username: detail.data.account.username }) : t('common.loading')}
      footer={null}
      onCancel={onClose}
      maskClosable={false}
    >
      {detail.isPending && <Skeleton active />}
      {detail.isError && <ProblemAlert error={detail.error} onRetry={() => void detail.refetch()} />}
      {detail.data && (
        // Keyed by version: a reload after 412 starts the form from the fresh record.
        <EditAccountForm
          key={detail.data.etag}
          current={detail.data}
          stale={stale}
          onStale={() => setStale(true)}
          onClose={onClose}
          onSaved={onSaved}
        />
      )}
    </Modal>
  );
}

/** Rendered inside the edit modal once the account (and its ETag) is loaded; owns the buttons. */
function EditAccountForm({
  current,
  stale,
  onStale,
  onClose,
  onSaved,
}: {
  current: VersionedAccount;
  stale: boolean;
  onStale: () => void;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, tError, tFieldError } = useI18n();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<AccountFormValues>();
  const [messages, setMessages] = useState<string[] | undefined>();
  const { account, etag } = current;
  const mutation = useMutation({
    mutationFn: (values: AccountFormValues) => {
      const body: UpdateAccountBody = {};
      if (values.display_name.trim() !== account.display_name) body.display_name = values.display_name.trim();
      if (values.role !== account.role) body.role = values.role;
      if (values.organisation_id !== account.organisation_id) body.organisation_id = values.organisation_id;
      if (!!values.disabled !== account.disabled) body.disabled = !!values.disabled;
      if (values.password) body.password = values.password;
      if (values.role === 'integration' && changed(values.scopes ?? [], account.scopes)) body.scopes = values.scopes ?? [];
      return updateAccount(account.id, etag, body);
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: accountKeys.all });
      onSaved();
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.status === 412) {
        // Reload: the form remounts with the fresh record (keyed by ETag) and says why.
        onStale();
        await queryClient.invalidateQueries({ queryKey: accountKeys.detail(account.id) });
        return;
      }
      setMessages(error instanceof ApiError ? applyProblemToForm(error, form, FIELDS, tFieldError, tError) : undefined);
    },
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {stale && <Alert type="warning" showIcon message={t('account.staleReloaded')} />}
      {mutation.isError && (messages === undefined || messages.length > 0) && (
        <ProblemAlert error={mutation.error} messages={messages} />
      )}
      <Form<AccountFormValues>
        form={form}
        layout="vertical"
        initialValues={{
          username: account.username,
          display_name: account.display_name,
          role: account.role,
          organisation_id: account.organisation_id,
          disabled: account.disabled,
          scopes: account.scopes,
        }}
        onFinish={(values) => mutation.mutate(values)}
      >
        <AccountFields mode="edit" account={account} />
      </Form>
      <div style={{ display: 'flex', justifyContent: 'flex-end', gap: 8 }}>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="primary" onClick={() => form.submit()} loading={mutation.isPending} data-testid="account-form-submit">
          {t('common.save')}
        </Button>
      </div>
    </Space>
  );
}
