//! Create-child and edit dialogs: submit, show 422 errors on the fields, reload on 412.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Modal, Space } from 'antd';
import { useState } from 'react';
import type { Organisation } from '@/api/types';
import { ProblemAlert } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import { ApiError } from '@/lib/api-error';
import { newIdempotencyKey } from '@/lib/idempotency';
import { applyProblemToForm } from '@/lib/problem';
import { createOrganisation, fetchOrganisation, orgKeys, updateOrganisation, type Versioned } from '../api/organisations';
import { OrganisationForm } from './organisation-form';
import {
  ORGANISATION_FORM_FIELDS,
  suggestedChildKind,
  toCreateBody,
  toFormValues,
  toUpdateBody,
  type OrganisationFormValues,
} from './organisation-form-values';

export type OrganisationFormModalProps =
  | { mode: 'create'; parent: Organisation; onClose: () => void; onSaved: (saved: Versioned) => void }
  | { mode: 'edit'; target: Versioned; onClose: () => void; onSaved: (saved: Versioned) => void };

/** Mount it only while open: each opening starts with a fresh form and idempotency key. */
export function OrganisationFormModal(props: OrganisationFormModalProps) {
  const { t, tError, tFieldError } = useI18n();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<OrganisationFormValues>();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [current, setCurrent] = useState<Versioned | null>(props.mode === 'edit' ? props.target : null);
  const [messages, setMessages] = useState<string[] | null>(null);
  const [stale, setStale] = useState(false);

  const mutation = useMutation({
    mutationFn: (values: OrganisationFormValues) => {
      if (props.mode === 'create') return createOrganisation(toCreateBody(values, props.parent.id), idempotencyKey);
      if (!current) throw new Error('no record to edit');
      return updateOrganisation(current.organisation.id, current.etag, toUpdateBody(values, current.organisation));
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(orgKeys.detail(saved.organisation.id), saved);
      props.onSaved(saved);
    },
    onError: async (error) => {
      if (!(error instanceof ApiError)) {
        setMessages(null);
        return;
      }
      if (error.status === 412 && current) {
        // Someone else saved first: load their version and let the user check it.
        const fresh = await fetchOrganisation(current.organisation.id);
        queryClient.setQueryData(orgKeys.detail(fresh.organisation.id), fresh);
        setCurrent(fresh);
        form.resetFields();
        form.setFieldsValue(toFormValues(fresh.organisation));
        setStale(true);
        setMessages([]);
        return;
      }
      setMessages(applyProblemToForm(error, form, ORGANISATION_FORM_FIELDS, tFieldError, tError));
    },
  });

  const title =
    props.mode === 'create'
      ? t('organisation.createTitle', { parent: props.parent.name })
      : t('organisation.editTitle', { name: current?.organisation.name ?? '' });
  const initialValues: Partial<OrganisationFormValues> =
    props.mode === 'create'
      ? { kind: suggestedChildKind(props.parent.kind), division_code: props.parent.division_code ?? undefined }
      : toFormValues(props.target.organisation);

  return (
    <Modal
      open
      title={title}
      width={760}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      confirmLoading={mutation.isPending}
      okButtonProps={{ 'data-testid': 'org-form-submit' }}
      maskClosable={false}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {stale && <Alert type="warning" showIcon message={t('organisation.staleReloaded')} data-testid="stale-alert" />}
        {mutation.isError && messages !== null && messages.length > 0 && (
          <ProblemAlert error={mutation.error} messages={messages} />
        )}
        {mutation.isError && messages === null && <ProblemAlert error={mutation.error} />}
        <OrganisationForm
          form={form}
          initialValues={initialValues}
          onFinish={(values) => {
            setStale(false);
            setMessages(null);
            mutation.mutate(values);
          }}
          disabled={mutation.isPending}
        />
      </Space>
    </Modal>
  );
}
