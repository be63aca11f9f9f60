//! Register and edit dialogs: submit, show 422 errors on the fields, reload on 412.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Modal, Space } from 'antd';
import { useState } from 'react';
import { MemberForm } from '@/components/member-form';
import { ProblemAlert } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import { ApiError } from '@/lib/api-error';
import { newIdempotencyKey } from '@/lib/idempotency';
import {
  EMPTY_MEMBER_FORM,
  memberSaveMessages,
  toCreateBody,
  toFormValues,
  toUpdateBody,
  type MemberFormValues,
} from '@/lib/member-form-values';
import { createMember, fetchMember, memberKeys, updateMember, type VersionedMember } from '../api/members';

export type MemberFormModalProps =
  | {
      mode: 'create';
      /** A union to start with (the list's union filter). */
      organisation?: { id: string; name: string };
      onClose: () => void;
      onSaved: (saved: VersionedMember) => void;
    }
  | { mode: 'edit'; target: VersionedMember; onClose: () => void; onSaved: (saved: VersionedMember) => void };

/** Mount it only while open: each opening starts with a fresh form and idempotency key. */
export function MemberFormModal(props: MemberFormModalProps) {
  const { t, tError, tFieldError } = useI18n();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<MemberFormValues>();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [current, setCurrent] = useState<VersionedMember | null>(props.mode === 'edit' ? props.target : null);
  const [messages, setMessages] = useState<string[] | null>(null);
  const [stale, setStale] = useState(false);

  const mutation = useMutation({
    mutationFn: (values: MemberFormValues) => {
      if (props.mode === 'create') return createMember(toCreateBody(values), idempotencyKey);
      if (!current) throw new Error('no record to edit');
      return updateMember(current.member.id, current.etag, toUpdateBody(values, current.member));
    },
    onSuccess: async (saved) => {
      queryClient.setQueryData(memberKeys.detail(saved.member.id), saved);
      await queryClient.invalidateQueries({ queryKey: memberKeys.lists });
      props.onSaved(saved);
    },
    onError: async (error) => {
      if (!(error instanceof ApiError)) {
        setMessages(null);
        return;
      }
      if (error.status === 412 && current) {
        // Someone else saved first: load their version and let the user check it.
        const fresh = await fetchMember(current.member.id);
        queryClient.setQueryData(memberKeys.detail(fresh.member.id), fresh);
        setCurrent(fresh);
        form.resetFields();
        form.setFieldsValue(toFormValues(fresh.member));
        setStale(true);
        setMessages([]);
        return;
      }
      setMessages(memberSaveMessages(error, form, tFieldError, tError));
    },
  });

  const title =
    props.mode === 'create' ? t('member.createTitle') : t('member.editTitle', { name: current?.member.name ?? '' });
  const initialValues: Partial<MemberFormValues> =
    props.mode === 'create'
      ? { ...EMPTY_MEMBER_FORM, organisation_id: props.organisation?.id }
      : toFormValues(props.target.member);

  return (
    <Modal
      open
      title={title}
      width={820}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      confirmLoading={mutation.isPending}
      okButtonProps={{ 'data-testid': 'member-form-submit' }}
      maskClosable={false}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {stale && <Alert type="warning" showIcon message={t('member.staleReloaded')} data-testid="stale-alert" />}
        {mutation.isError && messages !== null && messages.length > 0 && (
          <ProblemAlert error={mutation.error} messages={messages} />
        )}
        {mutation.isError && messages === null && <ProblemAlert error={mutation.error} />}
        <MemberForm
          form={form}
          mode={props.mode}
          initialValues={initialValues}
          organisationLabel={props.mode === 'create' ? props.organisation?.name : undefined}
          maskedIdNumber={current?.member.id_number}
          maskedMobile={current?.member.mobile}
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
