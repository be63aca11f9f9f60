//! 发放会员卡: pick an organisation, confirm, and see how many numbers were issued and which.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Descriptions, Form, Modal, Result, Space, Typography } from 'antd';
import { useState } from 'react';
import { OrganisationSelect } from '@/components/organisation-select';
import { ProblemAlert } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import { ApiError } from '@/lib/api-error';
import { newIdempotencyKey } from '@/lib/idempotency';
import { applyProblemToForm } from '@/lib/problem';
import { issueMemberCards, memberKeys } from '../api/members';

interface IssueFormValues {
  organisation_id?: string;
}

export function IssueCardsModal({
  organisation,
  onClose,
}: {
  organisation?: { id: string; name: string };
  onClose: () => void;
}) {
  const { t, tError, tFieldError } = useI18n();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<IssueFormValues>();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [messages, setMessages] = useState<string[]>([]);

  const mutation = useMutation({
    mutationFn: (values: IssueFormValues) => issueMemberCards(values.organisation_id ?? '', idempotencyKey),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: memberKeys.all });
    },
    onError: (error) => {
      setMessages(error instanceof ApiError ? applyProblemToForm(error, form, ['organisation_id'], tFieldError, tError) : []);
    },
  });

  const done = mutation.data;
  const orgLabel = t('member.cards.organisation');
  return (
    <Modal
      open
      title={t('member.cards.title')}
      okText={done ? t('common.close') : t('member.cards.issue')}
      cancelText={t('common.cancel')}
      cancelButtonProps={{ style: done ? { display: 'none' } : undefined }}
      onOk={() => (done ? onClose() : form.submit())}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      okButtonProps={{ 'data-testid': 'issue-cards-submit' }}
      maskClosable={false}
    >
      {done ? (
        <Result
          status={done.issued > 0 ? 'success' : 'info'}
          data-testid="issue-cards-result"
          title={done.issued > 0 ? t('member.cards.issued', { count: done.issued }) : t('member.cards.noneIssued')}
          subTitle={
            done.issued > 0 && (
              <Descriptions
                size="small"
                column={1}
                items={[
                  { key: 'first', label: t('member.cards.first'), children: <code>{done.first_card_number}</code> },
                  { key: 'last', label: t('member.cards.last'), children: <code>{done.last_card_number}</code> },
                ]}
              />
            )
          }
        />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          {mutation.isError && (messages.length > 0 || !(mutation.error instanceof ApiError)) && (
            <ProblemAlert error={mutation.error} messages={messages.length > 0 ? messages : undefined} />
          )}
          <Typography.Paragraph type="secondary">{t('member.cards.explain')}</Typography.Paragraph>
          <Form<IssueFormValues>
            form={form}
            layout="vertical"
            initialValues={{ organisation_id: organisation?.id }}
            disabled={mutation.isPending}
            data-testid="issue-cards-form"
            onFinish={(values) => {
              setMessages([]);
              mutation.mutate(values);
            }}
          >
            <Form.Item
              name="organisation_id"
              label={orgLabel}
              rules={[{ required: true, message: t('validation.required', { field: orgLabel }) }]}
            >
              <OrganisationSelect initialLabel={organisation?.name} data-testid="issue-cards-organisation" />
            </Form.Item>
          </Form>
        </Space>
      )}
    </Modal>
  );
}
