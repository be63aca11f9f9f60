//! 申请转会 for the worker: the new union is named by its id (from that union's QR code or notice, since
//! it may lie outside anything the worker can browse), plus a reason. Mount it only while open: each
//! opening starts with a fresh form and Idempotency-Key.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import type { FieldError, Member, MembershipRequest } from '@/api/types';
import { REASON_MAX } from '@/components/join-request-modal';
import { ProblemAlert } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import { ApiError } from '@/lib/api-error';
import { newIdempotencyKey } from '@/lib/idempotency';
import { applyProblemToForm, conflictMessages } from '@/lib/problem';
import { MEMBERSHIP_REQUESTS_QUERY_KEY } from '@/lib/query-keys';
import { createOwnTransferRequest } from '../api/self-service';
import { isUnionId, normaliseUnionId, transferTargetProblem } from './self-service-logic';

interface TransferFormValues {
  to_organisation_id?: string;
  reason?: string;
}

const FIELDS = ['to_organisation_id', 'reason'] as const;

export function OwnTransferModal({
  member,
  onClose,
  onSaved,
}: {
  member: Pick<Member, 'organisation_name'>;
  onClose: () => void;
  onSaved: (saved: MembershipRequest) => void;
}) {
  const { t, tError, tFieldError } = useI18n();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TransferFormValues>();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [messages, setMessages] = useState<string[]>([]);

  /** The union id's own words for "no such union", "not a union that takes members", "your union already". */
  const fieldError = (error: FieldError): string => {
    switch (transferTargetProblem(error)) {
      case 'not_found':
        return t('selfService.transferTargetNotFound');
      case 'not_allowed':
        return t('selfService.transferTargetNotAllowed');
      case 'same_union':
        return t('selfService.transferTargetSame');
      default:
        return tFieldError(error);
    }
  };

  const mutation = useMutation({
    mutationFn: (values: TransferFormValues) =>
      createOwnTransferRequest(
        { to_organisation_id: normaliseUnionId(values.to_organisation_id ?? ''), reason: (values.reason ?? '').trim() },
        idempotencyKey,
      ),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: MEMBERSHIP_REQUESTS_QUERY_KEY });
      onSaved(saved);
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return setMessages([]);
      if (error.status === 409) return setMessages(conflictMessages(error, tError));
      setMessages(applyProblemToForm(error, form, FIELDS, fieldError, tError));
    },
  });

  const targetLabel = t('selfService.transferTarget');
  const reasonLabel = t('memberRequest.fields.reason');
  return (
    <Modal
      open
      title={t('selfService.transferTitle')}
      okText={t('memberRequest.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      okButtonProps={{ 'data-testid': 'my-transfer-submit' }}
      maskClosable={false}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {mutation.isError && (messages.length > 0 || !(mutation.error instanceof ApiError)) && (
          <ProblemAlert error={mutation.error} messages={messages.length > 0 ? messages : undefined} />
        )}
        <Typography.Text type="secondary" data-testid="my-transfer-from">
          {t('selfService.transferFrom', { name: member.organisation_name })}
        </Typography.Text>
        <Form<TransferFormValues>
          form={form}
          layout="vertical"
          disabled={mutation.isPending}
          data-testid="my-transfer-form"
          onFinish={(values) => {
            setMessages([]);
            mutation.mutate(values);
          }}
        >
          <Form.Item
            name="to_organisation_id"
            label={targetLabel}
            extra={t('selfService.transferTargetHint')}
            rules={[
              { required: true, whitespace: true, message: t('validation.required', { field: targetLabel }) },
              {
                validator: (_rule, value: string | undefined) =>
                  !value || !value.trim() || isUnionId(value)
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('selfService.transferTargetFormat'))),
              },
            ]}
          >
            <Input autoComplete="off" spellCheck={false} maxLength={60} data-testid="my-transfer-target" />
          </Form.Item>
          <Form.Item
            name="reason"
            label={reasonLabel}
            rules={[
              { required: true, whitespace: true, message: t('validation.required', { field: reasonLabel }) },
              { max: REASON_MAX, message: t('validation.tooLong', { max: REASON_MAX }) },
            ]}
          >
            <Input.TextArea
              rows={3}
              maxLength={REASON_MAX}
              showCount
              placeholder={t('selfService.transferReasonHint')}
              data-testid="my-transfer-reason"
            />
          </Form.Item>
        </Form>
      </Space>
    </Modal>
  );
}
