//! 申请转会: pick the union to move to and say why; the union left releases, the union joined approves.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import type { Member, MembershipRequest } from '@/api/types';
import { REASON_MAX } from '@/components/join-request-modal';
import { OrganisationSelect } from '@/components/organisation-select';
import { ProblemAlert } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import { ApiError } from '@/lib/api-error';
import { newIdempotencyKey } from '@/lib/idempotency';
import { applyProblemToForm, conflictMessages } from '@/lib/problem';
import { MEMBERSHIP_REQUESTS_QUERY_KEY } from '@/lib/query-keys';
import { createTransferRequest } from '../api/members';

interface TransferFormValues {
  to_organisation_id?: string;
  reason?: string;
}

const FIELDS = ['to_organisation_id', 'reason'] as const;

export function TransferRequestModal({
  member,
  onClose,
  onSaved,
}: {
  member: Member;
  onClose: () => void;
  onSaved: (saved: MembershipRequest) => void;
}) {
  const { t, tError, tFieldError } = useI18n();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TransferFormValues>();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [messages, setMessages] = useState<string[]>([]);

  const mutation = useMutation({
    mutationFn: (values: TransferFormValues) =>
      createTransferRequest(
        { member_id: member.id, to_organisation_id: values.to_organisation_id ?? '', reason: (values.reason ?? '').trim() },
        idempotencyKey,
      ),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: MEMBERSHIP_REQUESTS_QUERY_KEY });
      onSaved(saved);
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return setMessages([]);
      if (error.status === 409) return setMessages(conflictMessages(error, tError));
      setMessages(applyProblemToForm(error, form, FIELDS, tFieldError, tError));
    },
  });

  const reasonLabel = t('memberRequest.fields.reason');
  const targetLabel = t('memberRequest.fields.to_organisation');
  return (
    <Modal
      open
      title={t('memberRequest.transferTitle', { name: member.name })}
      okText={t('memberRequest.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      okButtonProps={{ 'data-testid': 'transfer-request-submit' }}
      maskClosable={false}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {mutation.isError && (messages.length > 0 || !(mutation.error instanceof ApiError)) && (
          <ProblemAlert error={mutation.error} messages={messages.length > 0 ? messages : undefined} />
        )}
        <Typography.Text type="secondary">
          {t('memberRequest.transferFrom', { name: member.organisation_name })}
        </Typography.Text>
        <Form<TransferFormValues>
          form={form}
          layout="vertical"
          disabled={mutation.isPending}
          data-testid="transfer-request-form"
          onFinish={(values) => {
            setMessages([]);
            mutation.mutate(values);
          }}
        >
          <Form.Item
            name="to_organisation_id"
            label={targetLabel}
            rules={[{ required: true, message: t('validation.required', { field: targetLabel }) }]}
          >
            <OrganisationSelect holdsMembers excludeId={member.organisation_id} data-testid="transfer-target" />
          </Form.Item>
          <Form.Item
            name="reason"
            label={reasonLabel}
            rules={[
              { required: true, whitespace: true, message: t('validation.required', { field: reasonLabel }) },
              { max: REASON_MAX, message: t('validation.tooLong', { max: REASON_MAX }) },
            ]}
          >
            <Input.TextArea rows={3} maxLength={REASON_MAX} showCount data-testid="transfer-reason" />
          </Form.Item>
        </Form>
      </Space>
    </Modal>
  );
}
