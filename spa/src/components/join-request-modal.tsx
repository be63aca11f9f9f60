//! 入会申请: the member form plus a note, submitted as a join request for the union's officers to approve.
//! Staff file it for a worker (`POST /membership-requests/join`), a worker for themselves
//! (`POST /me/membership-requests/join`): the caller passes the call as `submit`.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Form, Input, Modal, Space, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import type { CreateJoinRequestBody, MembershipRequest } from '@/api/types';
import { useI18n } from '@/i18n/i18n-provider';
import { ApiError } from '@/lib/api-error';
import { newIdempotencyKey } from '@/lib/idempotency';
import {
  EMPTY_MEMBER_FORM,
  MEMBER_FORM_FIELDS,
  remapJoinProblem,
  toCreateBody,
  type MemberFormValues,
} from '@/lib/member-form-values';
import { applyProblemToForm, conflictMessages } from '@/lib/problem';
import { MEMBERSHIP_REQUESTS_QUERY_KEY } from '@/lib/query-keys';
import { MemberForm } from './member-form';
import { ProblemAlert } from './problem-alert';

/** The longest reason a request or a membership change takes. */
export const REASON_MAX = 200;

type JoinFormValues = MemberFormValues & { reason?: string };

/** Mount it only while open: each opening starts with a fresh form and idempotency key. */
export function JoinRequestModal({
  organisation,
  submit,
  intro,
  onClose,
  onSaved,
}: {
  organisation?: { id: string; name: string };
  /** Files the request; the key stays the same while the dialog is open (only successes are kept). */
  submit: (body: CreateJoinRequestBody, idempotencyKey: string) => Promise<MembershipRequest>;
  /** A line above the form (e.g. what happens next). */
  intro?: ReactNode;
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
      return submit({ member: toCreateBody(values), reason: reason || undefined }, idempotencyKey);
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
        {intro && <Typography.Text type="secondary">{intro}</Typography.Text>}
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
