//! The worker's mobile number, masked, and the form that changes it (checked as it is typed; the PATCH
//! sends the record's ETag as If-Match). Everything else in the record is kept by the union.
import { EditOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Space, Typography } from 'antd';
import type { FormRule } from 'antd';
import { useState } from 'react';
import { ProblemAlert } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import { ApiError } from '@/lib/api-error';
import { isValidMobile } from '@/lib/mobile-number';
import { applyProblemToForm } from '@/lib/problem';
import { selfServiceKeys, updateOwnContact, type OwnMember } from '../api/self-service';
import { mobileBody } from './self-service-logic';

interface MobileFormValues {
  mobile?: string;
}

export function MobileEditor({ current }: { current: OwnMember }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const mobile = current.member.mobile;
  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }}>
      <Space wrap>
        {mobile ? (
          <span data-testid="my-mobile">{mobile}</span>
        ) : (
          <Typography.Text type="secondary" data-testid="my-mobile">
            {t('selfService.noMobile')}
          </Typography.Text>
        )}
        {!editing && (
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="my-mobile-edit">
            {t('selfService.editMobile')}
          </Button>
        )}
      </Space>
      {editing && <MobileForm current={current} onDone={() => setEditing(false)} />}
    </Space>
  );
}

function MobileForm({ current, onDone }: { current: OwnMember; onDone: () => void }) {
  const { t, tError, tFieldError } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<MobileFormValues>();
  const [messages, setMessages] = useState<string[]>([]);
  const label = t('selfService.newMobile');

  const mutation = useMutation({
    mutationFn: (values: MobileFormValues) => updateOwnContact(current.etag, mobileBody(values.mobile ?? '')),
    onSuccess: (saved) => {
      // The answer is the record as saved, with its new ETag (masked, like every read).
      queryClient.setQueryData(selfServiceKeys.member, saved);
      void message.success(t('selfService.mobileSaved'));
      onDone();
    },
    onError: async (error) => {
      if (!(error instanceof ApiError)) return setMessages([]);
      if (error.status === 412) {
        // The union changed the record meanwhile: show theirs, keep what the worker typed.
        setMessages([t('selfService.mobileStale')]);
        await queryClient.invalidateQueries({ queryKey: selfServiceKeys.member });
        return;
      }
      setMessages(applyProblemToForm(error, form, ['mobile'], tFieldError, tError));
    },
  });

  const rules: FormRule[] = [
    { required: true, whitespace: true, message: t('validation.required', { field: label }) },
    {
      validator: (_rule, value: string | undefined) =>
        !value || !value.trim() || isValidMobile(value) ? Promise.resolve() : Promise.reject(new Error(t('validation.mobile'))),
    },
  ];

  return (
    <Space direction="vertical" style={{ width: '100%', maxWidth: 420 }}>
      {mutation.isError && (messages.length > 0 || !(mutation.error instanceof ApiError)) && (
        <ProblemAlert error={mutation.error} messages={messages.length > 0 ? messages : undefined} />
      )}
      <Form<MobileFormValues>
        form={form}
        layout="vertical"
        disabled={mutation.isPending}
        data-testid="my-mobile-form"
        onFinish={(values) => {
          setMessages([]);
          mutation.mutate(values);
        }}
      >
        <Form.Item name="mobile" label={label} rules={rules} extra={t('selfService.mobileHint')}>
          <Input autoComplete="tel" inputMode="tel" maxLength={20} autoFocus data-testid="my-mobile-input" />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="my-mobile-save">
            {t('common.save')}
          </Button>
          <Button onClick={onDone} data-testid="my-mobile-cancel">
            {t('common.cancel')}
          </Button>
        </Space>
      </Form>
    </Space>
  );
}
