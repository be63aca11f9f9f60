//! 驳回: a reason is required. 422 errors land on the field; a conflict shows the server's detail.
import { useMutation } from '@tanstack/react-query';
import { Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import type { MembershipRequest } from '@/api/types';
import { ProblemAlert } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import { ApiError } from '@/lib/api-error';
import { applyProblemToForm, conflictMessages } from '@/lib/problem';
import { rejectRequest } from '../api/membership-requests';

export const REJECT_REASON_MAX = 200;

export function RejectRequestModal({
  request,
  onDone,
  onStale,
  onClose,
}: {
  request: MembershipRequest;
  onDone: (saved: MembershipRequest) => void;
  /** 412: someone decided first; the caller reloads the list. */
  onStale: () => void;
  onClose: () => void;
}) {
  const { t, tError, tFieldError } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const [messages, setMessages] = useState<string[]>([]);
  const mutation = useMutation({
    mutationFn: (reason: string) => rejectRequest(request, reason),
    onSuccess: onDone,
    onError: (error) => {
      if (!(error instanceof ApiError)) return setMessages([]);
      if (error.status === 412) return onStale();
      if (error.status === 409) return setMessages(conflictMessages(error, tError));
      setMessages(applyProblemToForm(error, form, ['reason'], tFieldError, tError));
    },
  });
  const label = t('memberRequest.fields.decision_reason');
  return (
    <Modal
      open
      title={t('memberRequest.rejectTitle', { name: request.person.name })}
      okText={t('memberRequest.actions.reject')}
      okButtonProps={{ danger: true, 'data-testid': 'reject-submit' }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      maskClosable={false}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {mutation.isError && (messages.length > 0 || !(mutation.error instanceof ApiError)) && (
          <ProblemAlert error={mutation.error} messages={messages.length > 0 ? messages : undefined} />
        )}
        <Typography.Text type="secondary">
          {request.from_organisation_name
            ? `${request.from_organisation_name} → ${request.to_organisation_name}`
            : request.to_organisation_name}
        </Typography.Text>
        <Form<{ reason: string }>
          form={form}
          layout="vertical"
          disabled={mutation.isPending}
          onFinish={(values) => {
            setMessages([]);
            mutation.mutate(values.reason.trim());
          }}
          data-testid="reject-form"
        >
          <Form.Item
            name="reason"
            label={label}
            rules={[
              { required: true, whitespace: true, message: t('validation.required', { field: label }) },
              { max: REJECT_REASON_MAX, message: t('validation.tooLong', { max: REJECT_REASON_MAX }) },
            ]}
          >
            <Input.TextArea rows={3} maxLength={REJECT_REASON_MAX} showCount data-testid="reject-reason" />
          </Form.Item>
        </Form>
      </Space>
    </Modal>
  );
}
