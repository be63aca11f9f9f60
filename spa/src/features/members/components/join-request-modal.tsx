//! 入会申请: the member form plus a note, submitted as a join request for the union's officers to approve.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Form, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import type { MembershipRequest } from '@/api/types';
import { ProblemAlert } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import { ApiError } from '@/lib/api-error';
import { newIdempotencyKey } from '@/lib/idempotency';
import { applyProblemToForm, conflictMessages } from '@/lib/problem';
import { MEMBERSHIP_REQUESTS_QUERY_KEY } from '@/lib/query-keys';
import { createJoinRequest } from '../api/members';
import { MemberForm } from './member-form';
import {
  EMPTY_MEMBER_FORM,
  MEMBER_FORM_FIELDS,
  remapMemberFieldErrors,
  toCreateBody,
  type MemberFormValues,
} from './member-form-values';

export const REASON_MAX = 200;

type JoinFormValues = MemberFormValues & { reason?: string };

/** A join request's field errors on the form's fields: `member.name` → `name`, birth date/gender → ID number. */
export function remapJoinProblem(error: ApiError): ApiError {
  if (!error.problem || error.fieldErrors.length === 0) return error;
  const stripped = error.fieldErrors.map((fieldError) =>
    fieldError.field?.startsWith('member.') ? { ...fieldError, field: fieldError.field.slice('member.'.length) } : fieldError,
  );
  return new ApiError(error.status, { ...error.problem, errors: remapMemberFieldErrors(stripped) }, error.headers);
}

/** Mount it only while open: each opening starts with a fresh form and idempotency key. */
export function JoinRequestModal({
  organisation,
  onClose,
  onSaved,
}: {
  organisation?: { id: string; name: string };
  onClose: () => void;
  onSaved: (saved: MembershipRequest) => void;
}) {
  const { t, tError, tFieldError } = useI18n();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<MemberFormValues>();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [messages, setMessages] = useState<string[]>([]);

  const mutation = useMutation({
    mutationFn: (values: JoinFormValues) => {
      const reason = values.reason?.trim();
      return createJoinRequest({ member: toCreateBody(values), reason: reason || undefined }, idempotencyKey);
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: MEMBERSHIP_REQUESTS_QUERY_KEY });
      onSaved(saved);
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) {
        setMessages([]);
        return;
      }
      if (error.status === 409) {
        setMessages(conflictMessages(error, tError));
        return;
      }
      setMessages(applyProblemToForm(remapJoinProblem(error), form, [...MEMBER_FORM_FIELDS, 'reason'], tFieldError, tError));
    },
  });

  return (
    <Modal
      open
      title={t('memberRequest.joinTitle')}
      width={820}
      okText={t('memberRequest.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      okButtonProps={{ 'data-testid': 'join-request-submit' }}
      maskClosable={false}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {mutation.isError && (messages.length > 0 || !(mutation.error instanceof ApiError)) && (
          <ProblemAlert error={mutation.error} messages={messages.length > 0 ? messages : undefined} />
        )}
        <MemberForm
          form={form}
          mode="create"
          initialValues={{ ...EMPTY_MEMBER_FORM, organisation_id: organisation?.id }}
          organisationLabel={organisation?.name}
          onFinish={(values) => {
            setMessages([]);
            mutation.mutate(values);
          }}
          disabled={mutation.isPending}
        >
          <Form.Item
            name="reason"
            label={t('memberRequest.fields.reason')}
            rules={[{ max: REASON_MAX, message: t('validation.tooLong', { max: REASON_MAX }) }]}
          >
            <Input.TextArea rows={2} maxLength={REASON_MAX} showCount data-testid="join-request-reason" />
          </Form.Item>
        </MemberForm>
      </Space>
    </Modal>
  );
}
