//! 会籍变更: record one of the changes the server allows (the member's `allowed_actions`; If-Match the
//! member's ETag; reload on 412, with the changes then allowed).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, DatePicker, Form, Input, Modal, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { REASON_MAX } from '@/components/join-request-modal';
import { ProblemAlert } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import { ApiError } from '@/lib/api-error';
import { useCodes } from '@/lib/code-lists';
import { newIdempotencyKey } from '@/lib/idempotency';
import { applyProblemToForm, conflictMessages } from '@/lib/problem';
import { fetchMember, memberKeys, recordMembershipChange, type VersionedMember } from '../api/members';
import { changeOptions, type MembershipChangeKind } from './membership-changes';

interface ChangeFormValues {
  change?: MembershipChangeKind;
  effective_on?: Dayjs;
  reason?: string;
}

const FIELDS = ['change', 'effective_on', 'reason'] as const;

export function MembershipChangeModal({
  target,
  onClose,
  onSaved,
}: {
  target: VersionedMember;
  onClose: () => void;
  onSaved: (saved: VersionedMember) => void;
}) {
  const { t, tError, tFieldError } = useI18n();
  const codes = useCodes();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ChangeFormValues>();
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [current, setCurrent] = useState(target);
  const [messages, setMessages] = useState<string[]>([]);
  const [stale, setStale] = useState(false);
  const options = changeOptions(current.member.allowed_actions).map((change) => ({
    value: change,
    label: codes.label('membership-change-reasons', change),
  }));

  const mutation = useMutation({
    mutationFn: (values: ChangeFormValues) =>
      recordMembershipChange(
        current.member.id,
        current.etag,
        {
          change: values.change ?? '',
          effective_on: (values.effective_on ?? dayjs()).format('YYYY-MM-DD'),
          reason: (values.reason ?? '').trim(),
        },
        idempotencyKey,
      ),
    onSuccess: async (saved) => {
      queryClient.setQueryData(memberKeys.detail(saved.member.id), saved);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: memberKeys.history(saved.member.id) }),
        queryClient.invalidateQueries({ queryKey: memberKeys.lists }),
      ]);
      onSaved(saved);
    },
    onError: async (error) => {
      if (!(error instanceof ApiError)) return setMessages([]);
      if (error.status === 412) {
        // Someone else changed the member: show the fresh status (and the changes it allows).
        const fresh = await fetchMember(current.member.id);
        queryClient.setQueryData(memberKeys.detail(fresh.member.id), fresh);
        void queryClient.invalidateQueries({ queryKey: memberKeys.history(fresh.member.id) });
        setCurrent(fresh);
        setIdempotencyKey(newIdempotencyKey());
        if (!changeOptions(fresh.member.allowed_actions).includes(form.getFieldValue('change') as MembershipChangeKind)) {
          form.setFieldsValue({ change: undefined });
        }
        setStale(true);
        setMessages([]);
        return;
      }
      if (error.status === 409) return setMessages(conflictMessages(error, tError));
      setMessages(applyProblemToForm(error, form, FIELDS, tFieldError, tError));
    },
  });

  const label = (field: 'change' | 'effective_on' | 'reason') => t(`member.changeFields.${field}`);
  const required = (field: 'change' | 'effective_on' | 'reason') => ({
    required: true,
    message: t('validation.required', { field: label(field) }),
  });
  const joined = current.member.joined_on ? dayjs(current.member.joined_on) : null;

  return (
    <Modal
      open
      title={t('member.changeTitle', { name: current.member.name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      okButtonProps={{ 'data-testid': 'change-submit', disabled: options.length === 0 }}
      maskClosable={false}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {stale && <Alert type="warning" showIcon message={t('member.staleReloaded')} data-testid="stale-alert" />}
        {mutation.isError && (messages.length > 0 || !(mutation.error instanceof ApiError)) && (
          <ProblemAlert error={mutation.error} messages={messages.length > 0 ? messages : undefined} />
        )}
        {options.length === 0 && <Alert type="info" showIcon message={t('member.noChanges')} />}
        <Form<ChangeFormValues>
          form={form}
          layout="vertical"
          initialValues={{ effective_on: dayjs() }}
          disabled={mutation.isPending}
          data-testid="change-form"
          onFinish={(values) => {
            setStale(false);
            setMessages([]);
            mutation.mutate(values);
          }}
        >
          <Form.Item name="change" label={label('change')} rules={[required('change')]}>
            <Select options={options} loading={codes.isPending} data-testid="change-kind" />
          </Form.Item>
          <Form.Item name="effective_on" label={label('effective_on')} rules={[required('effective_on')]}>
            <DatePicker
              style={{ width: '100%' }}
              data-testid="change-effective-on"
              disabledDate={(date) => date.isAfter(dayjs(), 'day') || (!!joined && date.isBefore(joined, 'day'))}
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label={label('reason')}
            rules={[
              { ...required('reason'), whitespace: true },
              { max: REASON_MAX, message: t('validation.tooLong', { max: REASON_MAX }) },
            ]}
          >
            <Input.TextArea rows={3} maxLength={REASON_MAX} showCount data-testid="change-reason" />
          </Form.Item>
        </Form>
      </Space>
    </Modal>
  );
}
