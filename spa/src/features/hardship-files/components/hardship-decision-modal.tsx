//! A decision on a file (审核通过, 不予通过, 复核保留, 解除): the note (required to reject or lift) and, to
//! approve or renew, the next re-review date (twelve months on unless picked). Sends the file's ETag;
//! on 412 the file is read again and the user told; the server's refusals (a 403 for one's own
//! application, a 409 for a file decided meanwhile) show in the dialog.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, DatePicker, Form, Input, Modal, Space } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { HardshipFile } from '@/api/types';
import { ProblemAlert } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import { ApiError } from '@/lib/api-error';
import { useCodes } from '@/lib/code-lists';
import { applyProblemToForm, conflictMessages } from '@/lib/problem';
import { decideHardshipFile, fetchHardshipFile, hardshipKeys, type VersionedHardshipFile } from '../api/hardship-files';
import {
  DECISION_NOTE_MAX,
  defaultReviewDue,
  isAllowedReviewDue,
  needsNote,
  setsReviewDate,
  toDecisionBody,
  type DecisionFormValues,
  type HardshipDecision,
} from './hardship-logic';

const FIELDS = ['note', 'review_due_on'] as const;

export function HardshipDecisionModal({
  target,
  decision,
  onClose,
  onSaved,
}: {
  target: VersionedHardshipFile;
  decision: HardshipDecision;
  onClose: () => void;
  onSaved: (saved: HardshipFile) => void;
}) {
  const { t, tError, tFieldError } = useI18n();
  const codes = useCodes();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<DecisionFormValues>();
  const [current, setCurrent] = useState(target);
  const [messages, setMessages] = useState<string[]>([]);
  const [stale, setStale] = useState(false);
  const file = current.detail.file;
  const decisionLabel = codes.label('hardship-decisions', decision);
  const withDate = setsReviewDate(decision);
  const withNote = needsNote(decision);

  const refresh = (id: string, memberId: string) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: hardshipKeys.detail(id) }),
      queryClient.invalidateQueries({ queryKey: hardshipKeys.member(memberId) }),
      queryClient.invalidateQueries({ queryKey: hardshipKeys.registers }),
    ]);

  const mutation = useMutation({
    mutationFn: (values: DecisionFormValues) => decideHardshipFile(file.id, current.etag, toDecisionBody(decision, values)),
    onSuccess: async (saved) => {
      // The answer is the file without its trail: read it again for the new review.
      await refresh(saved.id, saved.member_id);
      onSaved(saved);
    },
    onError: async (error) => {
      if (!(error instanceof ApiError)) return setMessages([]);
      if (error.status === 412) {
        // Changed meanwhile (perhaps decided by someone else): show the file as it is now.
        const fresh = await fetchHardshipFile(file.id);
        queryClient.setQueryData(hardshipKeys.detail(fresh.detail.file.id), fresh);
        setCurrent(fresh);
        setStale(true);
        setMessages([]);
        return;
      }
      if (error.status === 409) {
        setMessages(conflictMessages(error, tError));
        void refresh(file.id, file.member_id);
        return;
      }
      setMessages(applyProblemToForm(error, form, FIELDS, tFieldError, tError));
    },
  });

  return (
    <Modal
      open
      title={t('hardship.decision.title', { decision: decisionLabel, name: file.member_name })}
      okText={decisionLabel}
      okButtonProps={{ 'data-testid': 'decision-submit', danger: decision === 'reject' || decision === 'lift' }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      maskClosable={false}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {stale && <Alert type="warning" showIcon message={t('hardship.staleReloaded')} data-testid="stale-alert" />}
        {mutation.isError && (messages.length > 0 || !(mutation.error instanceof ApiError)) && (
          <ProblemAlert error={mutation.error} messages={messages.length > 0 ? messages : undefined} />
        )}
        <Form<DecisionFormValues>
          form={form}
          layout="vertical"
          initialValues={withDate ? { review_due_on: defaultReviewDue() } : undefined}
          disabled={mutation.isPending}
          data-testid="decision-form"
          onFinish={(values) => {
            setStale(false);
            setMessages([]);
            mutation.mutate(values);
          }}
        >
          {withDate && (
            <Form.Item
              name="review_due_on"
              label={t('hardship.decision.review_due_on')}
              extra={t('hardship.decision.reviewDueHint')}
            >
              <DatePicker
                style={{ width: '100%' }}
                disabledDate={(date) => !isAllowedReviewDue(date, dayjs())}
                data-testid="decision-review-due-on"
              />
            </Form.Item>
          )}
          <Form.Item
            name="note"
            label={t('hardship.decision.note')}
            extra={withNote ? t('hardship.decision.noteHint') : undefined}
            rules={[
              ...(withNote ? [{ required: true, whitespace: true, message: t('hardship.decision.noteRequired') }] : []),
              { max: DECISION_NOTE_MAX, message: t('validation.tooLong', { max: DECISION_NOTE_MAX }) },
            ]}
          >
            <Input.TextArea rows={3} maxLength={DECISION_NOTE_MAX} showCount data-testid="decision-note" />
          </Form.Item>
        </Form>
      </Space>
    </Modal>
  );
}
