//! 我要点菜: what to learn (topic), optionally its category, where (a 6-digit division code) and when suits.
//! The same topic still open with the federation is a 409 that names it: the dialog says so and offers to
//! support that request instead. Mount it only while open: each opening has a fresh form and Idempotency-Key.
import { LikeOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import type { CourseRequest } from '@/api/types';
import { ProblemAlert } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import { ApiError } from '@/lib/api-error';
import { useCodes } from '@/lib/code-lists';
import { newIdempotencyKey } from '@/lib/idempotency';
import { applyProblemToForm, conflictMessages } from '@/lib/problem';
import { courseRequestKeys, createCourseRequest, supportCourseRequest } from '../api/course-requests';
import {
  courseRequestBody,
  existingRequestOf,
  isDivisionCode,
  PREFERRED_TIMES_MAX,
  TOPIC_MAX,
  type CourseRequestFormValues,
  type ExistingRequest,
} from './course-request-logic';

const FIELDS = ['category', 'topic', 'division', 'preferred_times'] as const;

export function CourseRequestFormModal({
  onClose,
  onSaved,
  onSupported,
}: {
  onClose: () => void;
  onSaved: (saved: CourseRequest) => void;
  /** The existing request the worker chose to support instead. */
  onSupported: (supported: CourseRequest) => void;
}) {
  const { t, tError, tFieldError } = useI18n();
  const codes = useCodes();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CourseRequestFormValues>();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [messages, setMessages] = useState<string[]>([]);
  const [existing, setExisting] = useState<ExistingRequest | null>(null);

  const mutation = useMutation({
    mutationFn: (values: CourseRequestFormValues) => createCourseRequest(courseRequestBody(values), idempotencyKey),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: courseRequestKeys.all });
      onSaved(saved);
    },
    onError: (error) => {
      setExisting(null);
      if (!(error instanceof ApiError)) return setMessages([]);
      if (error.status === 409) {
        const found = existingRequestOf(error);
        setExisting(found);
        // The server's words name the request; in our words when we can read them.
        return setMessages(
          found ? [tError(error.code), t('courseRequest.existing', { topic: found.topic })] : conflictMessages(error, tError),
        );
      }
      setMessages(applyProblemToForm(error, form, FIELDS, tFieldError, tError));
    },
  });

  const support = useMutation({
    mutationFn: (id: string) => supportCourseRequest(id),
    onSuccess: async (supported) => {
      await queryClient.invalidateQueries({ queryKey: courseRequestKeys.all });
      onSupported(supported);
    },
    // Supported already (the worker filed or backed it before): the board shows it as theirs.
    onError: () => queryClient.invalidateQueries({ queryKey: courseRequestKeys.all }),
  });
  const supportedAlready = support.error instanceof ApiError && support.error.code === 'course_request_supported';

  const topicLabel = t('courseRequest.fields.topic');
  const divisionLabel = t('courseRequest.fields.division');
  return (
    <Modal
      open
      title={t('courseRequest.createTitle')}
      okText={t('courseRequest.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      okButtonProps={{ 'data-testid': 'course-request-submit' }}
      maskClosable={false}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {mutation.isError && (messages.length > 0 || !(mutation.error instanceof ApiError)) && (
          <ProblemAlert error={mutation.error} messages={messages.length > 0 ? messages : undefined} />
        )}
        {existing && (
          <Alert
            type="info"
            showIcon
            data-testid="course-request-existing"
            message={t('courseRequest.supportInstead', { topic: existing.topic })}
            action={
              <Button
                size="small"
                type="primary"
                icon={<LikeOutlined />}
                loading={support.isPending}
                disabled={support.isError}
                onClick={() => support.mutate(existing.id)}
                data-testid="course-request-support-existing"
              >
                {t('courseRequest.support')}
              </Button>
            }
          />
        )}
        {support.isError &&
          (supportedAlready ? (
            <Alert type="info" showIcon message={tError('course_request_supported')} data-testid="course-request-supported-already" />
          ) : (
            <ProblemAlert error={support.error} />
          ))}
        <Form<CourseRequestFormValues>
          form={form}
          layout="vertical"
          disabled={mutation.isPending}
          data-testid="course-request-form"
          onFinish={(values) => {
            setMessages([]);
            setExisting(null);
            support.reset();
            mutation.mutate(values);
          }}
        >
          <Form.Item
            name="topic"
            label={topicLabel}
            rules={[
              { required: true, whitespace: true, message: t('validation.required', { field: topicLabel }) },
              { max: TOPIC_MAX, message: t('validation.tooLong', { max: TOPIC_MAX }) },
            ]}
          >
            <Input maxLength={TOPIC_MAX} placeholder={t('courseRequest.topicHint')} data-testid="course-request-topic" />
          </Form.Item>
          <Form.Item name="category" label={t('courseRequest.fields.category')}>
            <Select
              allowClear
              placeholder={t('courseRequest.categoryHint')}
              loading={codes.isPending}
              options={codes.options('course-categories')}
              data-testid="course-request-category"
            />
          </Form.Item>
          <Form.Item
            name="division"
            label={divisionLabel}
            extra={t('courseRequest.divisionHint')}
            rules={[
              { required: true, whitespace: true, message: t('validation.required', { field: divisionLabel }) },
              {
                validator: (_rule, value: string | undefined) =>
                  !value || !value.trim() || isDivisionCode(value)
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('courseRequest.divisionFormat'))),
              },
            ]}
          >
            <Input inputMode="numeric" maxLength={8} autoComplete="off" data-testid="course-request-division" />
          </Form.Item>
          <Form.Item
            name="preferred_times"
            label={t('courseRequest.fields.preferred_times')}
            rules={[{ max: PREFERRED_TIMES_MAX, message: t('validation.tooLong', { max: PREFERRED_TIMES_MAX }) }]}
          >
            <Input
              maxLength={PREFERRED_TIMES_MAX}
              placeholder={t('courseRequest.preferredTimesHint')}
              data-testid="course-request-preferred-times"
            />
          </Form.Item>
        </Form>
      </Space>
    </Modal>
  );
}
