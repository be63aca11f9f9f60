//! 登记困难档案 and 修改档案信息: category, household size, income per head (typed in yuan, sent in whole
//! fen) and the circumstances. 422 errors land on the fields; a 409 (an open file exists, the member's
//! status, a closed file) shows in an alert; an edit sends the file's ETag and reloads it on 412.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import type { HardshipFile, Member } from '@/api/types';
import { ProblemAlert } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import type { Dictionary } from '@/i18n/zh-CN';
import { ApiError } from '@/lib/api-error';
import { useCodes } from '@/lib/code-lists';
import { newIdempotencyKey } from '@/lib/idempotency';
import { fenToYuan, yuanToFen } from '@/lib/money';
import { applyProblemToForm, conflictMessages } from '@/lib/problem';
import {
  createHardshipFile,
  fetchHardshipFile,
  hardshipIfMatch,
  hardshipKeys,
  updateHardshipFile,
  type VersionedHardshipFile,
} from '../api/hardship-files';
import {
  HARDSHIP_FORM_FIELDS,
  HOUSEHOLD_MAX,
  HOUSEHOLD_MIN,
  MAX_AMOUNT_FEN,
  REASON_MAX,
  remapHardshipProblem,
  toCreateHardshipBody,
  toHardshipFormValues,
  toUpdateHardshipBody,
  type HardshipFormValues,
} from './hardship-logic';

type HardshipField = keyof Dictionary['hardship']['fields'];

export type HardshipFormModalProps =
  | { mode: 'create'; member: Pick<Member, 'id' | 'name'>; onClose: () => void; onSaved: (saved: HardshipFile) => void }
  | { mode: 'edit'; target: VersionedHardshipFile; onClose: () => void; onSaved: (saved: HardshipFile) => void };

/** Mount it only while open: each opening starts with a fresh form and idempotency key. */
export function HardshipFormModal(props: HardshipFormModalProps) {
  const { t, tError, tFieldError } = useI18n();
  const codes = useCodes();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<HardshipFormValues>();
  // Only successful answers are kept under a key, so one key serves every attempt of this dialog.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [current, setCurrent] = useState<VersionedHardshipFile | null>(props.mode === 'edit' ? props.target : null);
  const [messages, setMessages] = useState<string[]>([]);
  const [stale, setStale] = useState(false);
  const memberId = props.mode === 'create' ? props.member.id : props.target.detail.file.member_id;
  const memberName = props.mode === 'create' ? props.member.name : props.target.detail.file.member_name;

  const mutation = useMutation({
    mutationFn: async (values: HardshipFormValues): Promise<HardshipFile> => {
      if (props.mode === 'create') return createHardshipFile(memberId, toCreateHardshipBody(values), idempotencyKey);
      if (!current) throw new Error('no file to edit');
      const body = toUpdateHardshipBody(values, current.detail.file);
      // Nothing changed: nothing to send (a PATCH would still make a new version).
      if (Object.keys(body).length === 0) return current.detail.file;
      return updateHardshipFile(current.detail.file.id, current.etag, body);
    },
    onSuccess: async (saved) => {
      // The PATCH answers the file without its trail: keep the trail we have rather than read (and
      // audit) the whole file again.
      queryClient.setQueryData<VersionedHardshipFile>(hardshipKeys.detail(saved.id), (old) =>
        old ? { detail: { ...old.detail, file: saved }, etag: hardshipIfMatch(saved) } : old,
      );
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: hardshipKeys.member(memberId) }),
        queryClient.invalidateQueries({ queryKey: hardshipKeys.registers }),
      ]);
      props.onSaved(saved);
    },
    onError: async (error) => {
      if (!(error instanceof ApiError)) return setMessages([]);
      if (error.status === 412 && current) {
        // Someone else saved first: load their version and let the user check it.
        const fresh = await fetchHardshipFile(current.detail.file.id);
        queryClient.setQueryData(hardshipKeys.detail(fresh.detail.file.id), fresh);
        setCurrent(fresh);
        form.resetFields();
        form.setFieldsValue(toHardshipFormValues(fresh.detail.file));
        setStale(true);
        setMessages([]);
        return;
      }
      if (error.status === 409) return setMessages(conflictMessages(error, tError));
      setMessages(applyProblemToForm(remapHardshipProblem(error), form, HARDSHIP_FORM_FIELDS, tFieldError, tError));
    },
  });

  const label = (field: HardshipField) => t(`hardship.fields.${field}`);
  const required = (field: HardshipField) => ({ required: true, message: t('validation.required', { field: label(field) }) });
  const maxYuan = fenToYuan(MAX_AMOUNT_FEN).replace(/\.00$/, '');

  return (
    <Modal
      open
      title={t(props.mode === 'create' ? 'hardship.createTitle' : 'hardship.editTitle', { name: memberName })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      confirmLoading={mutation.isPending}
      okButtonProps={{ 'data-testid': 'hardship-form-submit' }}
      maskClosable={false}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {stale && <Alert type="warning" showIcon message={t('hardship.staleReloaded')} data-testid="stale-alert" />}
        {mutation.isError && (messages.length > 0 || !(mutation.error instanceof ApiError)) && (
          <ProblemAlert error={mutation.error} messages={messages.length > 0 ? messages : undefined} />
        )}
        <Form<HardshipFormValues>
          form={form}
          layout="vertical"
          initialValues={props.mode === 'edit' ? toHardshipFormValues(props.target.detail.file) : undefined}
          disabled={mutation.isPending}
          data-testid="hardship-form"
          onFinish={(values) => {
            setStale(false);
            setMessages([]);
            mutation.mutate(values);
          }}
        >
          <Form.Item name="category" label={label('category')} rules={[required('category')]}>
            <Select options={codes.options('hardship-categories')} loading={codes.isPending} data-testid="hardship-category" />
          </Form.Item>
          <Form.Item
            name="household_size"
            label={label('household_size')}
            rules={[
              required('household_size'),
              {
                type: 'integer',
                min: HOUSEHOLD_MIN,
                max: HOUSEHOLD_MAX,
                message: t('hardship.validation.household', { min: HOUSEHOLD_MIN, max: HOUSEHOLD_MAX }),
              },
            ]}
          >
            <InputNumber
              min={HOUSEHOLD_MIN}
              max={HOUSEHOLD_MAX}
              precision={0}
              style={{ width: 160 }}
              data-testid="hardship-household-size"
            />
          </Form.Item>
          <Form.Item
            name="income_yuan"
            label={label('income_yuan')}
            extra={t('hardship.incomeHint')}
            rules={[
              required('income_yuan'),
              {
                validator: (_rule, value: string | undefined) => {
                  if (value === undefined || value === null || value.trim() === '') return Promise.resolve();
                  const fen = yuanToFen(value);
                  if (fen === null) return Promise.reject(new Error(t('hardship.validation.amount')));
                  if (fen > MAX_AMOUNT_FEN) {
                    return Promise.reject(new Error(t('hardship.validation.maxAmount', { max: maxYuan })));
                  }
                  return Promise.resolve();
                },
              },
            ]}
          >
            <Input inputMode="decimal" style={{ width: 200 }} data-testid="hardship-income-yuan" />
          </Form.Item>
          <Form.Item
            name="reason"
            label={label('reason')}
            extra={t('hardship.reasonHint')}
            rules={[
              { ...required('reason'), whitespace: true },
              { max: REASON_MAX, message: t('validation.tooLong', { max: REASON_MAX }) },
            ]}
          >
            <Input.TextArea rows={4} maxLength={REASON_MAX} showCount data-testid="hardship-reason" />
          </Form.Item>
        </Form>
      </Space>
    </Modal>
  );
}
