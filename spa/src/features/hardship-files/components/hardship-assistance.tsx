//! 帮扶记录: the assistance given on a file with its total, and (when the server allows
//! `record_assistance`) the dialog to record more — the amount typed in yuan, sent in whole fen.
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Empty, Form, Input, Modal, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { HardshipAssistance, HardshipFile } from '@/api/types';
import { ProblemAlert } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import type { Dictionary } from '@/i18n/zh-CN';
import { ApiError } from '@/lib/api-error';
import { useCodes } from '@/lib/code-lists';
import { formatDate } from '@/lib/format';
import { newIdempotencyKey } from '@/lib/idempotency';
import { fenToYuan, formatYuan, yuanToFen } from '@/lib/money';
import { applyProblemToForm, conflictMessages } from '@/lib/problem';
import { addAssistance, hardshipKeys } from '../api/hardship-files';
import {
  ASSISTANCE_FORM_FIELDS,
  ASSISTANCE_NOTE_MAX,
  MAX_AMOUNT_FEN,
  remapHardshipProblem,
  toAssistanceBody,
  type AssistanceFormValues,
} from './hardship-logic';

export function HardshipAssistanceList({
  file,
  assistance,
  totalFen,
  canAdd,
  closedHint,
}: {
  file: Pick<HardshipFile, 'id' | 'member_id' | 'member_name' | 'applied_on'>;
  assistance: HardshipAssistance[];
  totalFen: number;
  /** `record_assistance` is in the file's `allowed_actions`. */
  canAdd: boolean;
  /** Why nothing can be added (a file not approved yet), shown to those who could otherwise. */
  closedHint?: string;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const codes = useCodes();
  const [adding, setAdding] = useState(false);

  const columns: TableColumnsType<HardshipAssistance> = [
    { title: t('hardship.assistance.fields.given_on'), dataIndex: 'given_on', render: (value: string) => formatDate(value) },
    {
      title: t('hardship.assistance.fields.kind'),
      dataIndex: 'kind',
      render: (kind: string) => codes.label('assistance-kinds', kind),
    },
    {
      title: t('hardship.assistance.fields.amount_yuan'),
      dataIndex: 'amount_fen',
      align: 'right',
      render: (fen: number) => formatYuan(fen),
    },
    { title: t('hardship.assistance.fields.note'), dataIndex: 'note' },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="hardship-assistance">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text strong data-testid="assistance-total">
          {t('hardship.assistance.total', { amount: formatYuan(totalFen) })}
        </Typography.Text>
        {canAdd && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="assistance-add">
            {t('hardship.assistance.add')}
          </Button>
        )}
        {!canAdd && closedHint && <Typography.Text type="secondary">{closedHint}</Typography.Text>}
      </Space>
      <Table<HardshipAssistance>
        rowKey="id"
        size="small"
        data-testid="assistance-results"
        columns={columns}
        dataSource={assistance}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('hardship.assistance.empty')} /> }}
      />
      {adding && (
        <AssistanceFormModal
          file={file}
          onClose={() => setAdding(false)}
          onSaved={(saved) => {
            setAdding(false);
            void message.success(t('hardship.assistance.added', { amount: formatYuan(saved.amount_fen) }));
          }}
        />
      )}
    </Space>
  );
}

type AssistanceField = keyof Dictionary['hardship']['assistance']['fields'];

/** Mount it only while open: each opening starts with a fresh form and idempotency key. */
function AssistanceFormModal({
  file,
  onClose,
  onSaved,
}: {
  file: Pick<HardshipFile, 'id' | 'member_id' | 'member_name' | 'applied_on'>;
  onClose: () => void;
  onSaved: (saved: HardshipAssistance) => void;
}) {
  const { t, tError, tFieldError } = useI18n();
  const codes = useCodes();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<AssistanceFormValues>();
  // Only successful answers are kept under a key: one key guards every attempt of this dialog.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [messages, setMessages] = useState<string[]>([]);

  const mutation = useMutation({
    mutationFn: (values: AssistanceFormValues) => addAssistance(file.id, toAssistanceBody(values), idempotencyKey),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: hardshipKeys.detail(file.id) });
      onSaved(saved);
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return setMessages([]);
      if (error.status === 409) {
        setMessages(conflictMessages(error, tError));
        void queryClient.invalidateQueries({ queryKey: hardshipKeys.detail(file.id) });
        return;
      }
      setMessages(applyProblemToForm(remapHardshipProblem(error), form, ASSISTANCE_FORM_FIELDS, tFieldError, tError));
    },
  });

  const label = (field: AssistanceField) => t(`hardship.assistance.fields.${field}`);
  const required = (field: AssistanceField) => ({ required: true, message: t('validation.required', { field: label(field) }) });
  const maxYuan = fenToYuan(MAX_AMOUNT_FEN).replace(/\.00$/, '');
  const appliedOn = dayjs(file.applied_on);

  return (
    <Modal
      open
      title={t('hardship.assistance.addTitle', { name: file.member_name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      okButtonProps={{ 'data-testid': 'assistance-form-submit' }}
      maskClosable={false}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {mutation.isError && (messages.length > 0 || !(mutation.error instanceof ApiError)) && (
          <ProblemAlert error={mutation.error} messages={messages.length > 0 ? messages : undefined} />
        )}
        <Form<AssistanceFormValues>
          form={form}
          layout="vertical"
          initialValues={{ given_on: dayjs() }}
          disabled={mutation.isPending}
          data-testid="assistance-form"
          onFinish={(values) => {
            setMessages([]);
            mutation.mutate(values);
          }}
        >
          <Form.Item name="kind" label={label('kind')} rules={[required('kind')]}>
            <Select options={codes.options('assistance-kinds')} loading={codes.isPending} data-testid="assistance-kind" />
          </Form.Item>
          <Form.Item
            name="amount_yuan"
            label={label('amount_yuan')}
            extra={t('hardship.assistance.amountHint')}
            rules={[
              required('amount_yuan'),
              {
                validator: (_rule, value: string | undefined) => {
                  if (value === undefined || value === null || value.trim() === '') return Promise.resolve();
                  const fen = yuanToFen(value);
                  if (fen === null || fen < 1) return Promise.reject(new Error(t('hardship.validation.positiveAmount')));
                  if (fen > MAX_AMOUNT_FEN) {
                    return Promise.reject(new Error(t('hardship.validation.maxAmount', { max: maxYuan })));
                  }
                  return Promise.resolve();
                },
              },
            ]}
          >
            <Input inputMode="decimal" style={{ width: 200 }} data-testid="assistance-amount-yuan" />
          </Form.Item>
          <Form.Item name="given_on" label={label('given_on')} rules={[required('given_on')]}>
            <DatePicker
              style={{ width: '100%' }}
              // Not in the future, not before the application (the server's rule).
              disabledDate={(date) => date.isAfter(dayjs(), 'day') || date.isBefore(appliedOn, 'day')}
              data-testid="assistance-given-on"
            />
          </Form.Item>
          <Form.Item
            name="note"
            label={label('note')}
            rules={[{ max: ASSISTANCE_NOTE_MAX, message: t('validation.tooLong', { max: ASSISTANCE_NOTE_MAX }) }]}
          >
            <Input maxLength={ASSISTANCE_NOTE_MAX} showCount data-testid="assistance-note" />
          </Form.Item>
        </Form>
      </Space>
    </Modal>
  );
}
