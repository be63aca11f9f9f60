//! 添加荣誉: kind and level from the code lists, the title as awarded, the date and the awarding body.
//! 422 errors land on the fields; the Idempotency-Key guards against recording the honour twice.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { DatePicker, Form, Input, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import type { Honour, Member } from '@/api/types';
import { ProblemAlert } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import type { Dictionary } from '@/i18n/zh-CN';
import { ApiError } from '@/lib/api-error';
import { useCodes } from '@/lib/code-lists';
import { newIdempotencyKey } from '@/lib/idempotency';
import { applyProblemToForm } from '@/lib/problem';
import { createHonour, honourKeys } from '../api/honours';
import {
  HONOUR_AWARDING_BODY_MAX,
  HONOUR_FORM_FIELDS,
  HONOUR_TITLE_MAX,
  isFutureAwardDate,
  keyAfterFailure,
  toCreateHonourBody,
  type HonourFormValues,
} from './honour-form-values';

type HonourField = keyof Dictionary['honour']['fields'];

/** Mount it only while open: each opening starts with a fresh form and idempotency key. */
export function HonourFormModal({
  member,
  onClose,
  onSaved,
}: {
  member: Pick<Member, 'id' | 'name'>;
  onClose: () => void;
  onSaved: (saved: Honour) => void;
}) {
  const { t, tError, tFieldError } = useI18n();
  const codes = useCodes();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<HonourFormValues>();
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [messages, setMessages] = useState<string[]>([]);

  const mutation = useMutation({
    mutationFn: (values: HonourFormValues) => createHonour(member.id, toCreateHonourBody(values), idempotencyKey),
    onSuccess: async (saved) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: honourKeys.member(member.id) }),
        queryClient.invalidateQueries({ queryKey: honourKeys.registers }),
      ]);
      onSaved(saved);
    },
    onError: (error) => {
      setIdempotencyKey((key) => keyAfterFailure(error, key));
      setMessages(
        error instanceof ApiError ? applyProblemToForm(error, form, HONOUR_FORM_FIELDS, tFieldError, tError) : [],
      );
    },
  });

  const label = (field: HonourField) => t(`honour.fields.${field}`);
  const required = (field: HonourField) => ({
    required: true,
    message: t('validation.required', { field: label(field) }),
  });

  return (
    <Modal
      open
      title={t('honour.addTitle', { name: member.name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      okButtonProps={{ 'data-testid': 'honour-form-submit' }}
      maskClosable={false}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {mutation.isError && (messages.length > 0 || !(mutation.error instanceof ApiError)) && (
          <ProblemAlert error={mutation.error} messages={messages.length > 0 ? messages : undefined} />
        )}
        <Form<HonourFormValues>
          form={form}
          layout="vertical"
          disabled={mutation.isPending}
          data-testid="honour-form"
          onFinish={(values) => {
            setMessages([]);
            mutation.mutate(values);
          }}
        >
          <Form.Item name="kind" label={label('kind')} rules={[required('kind')]}>
            <Select options={codes.options('honour-kinds')} loading={codes.isPending} data-testid="honour-kind" />
          </Form.Item>
          <Form.Item name="level" label={label('level')} rules={[required('level')]}>
            <Select options={codes.options('honour-levels')} loading={codes.isPending} data-testid="honour-level" />
          </Form.Item>
          <Form.Item
            name="title"
            label={label('title')}
            extra={t('honour.titleHint')}
            rules={[
              { ...required('title'), whitespace: true },
              { max: HONOUR_TITLE_MAX, message: t('validation.tooLong', { max: HONOUR_TITLE_MAX }) },
            ]}
          >
            <Input maxLength={HONOUR_TITLE_MAX} showCount data-testid="honour-title" />
          </Form.Item>
          <Form.Item name="awarded_on" label={label('awarded_on')} rules={[required('awarded_on')]}>
            <DatePicker
              style={{ width: '100%' }}
              disabledDate={(date) => isFutureAwardDate(date)}
              data-testid="honour-awarded-on"
            />
          </Form.Item>
          <Form.Item
            name="awarding_body"
            label={label('awarding_body')}
            rules={[
              { ...required('awarding_body'), whitespace: true },
              { max: HONOUR_AWARDING_BODY_MAX, message: t('validation.tooLong', { max: HONOUR_AWARDING_BODY_MAX }) },
            ]}
          >
            <Input maxLength={HONOUR_AWARDING_BODY_MAX} showCount data-testid="honour-awarding-body" />
          </Form.Item>
        </Form>
      </Space>
    </Modal>
  );
}
