//! The life-cycle buttons of a course (发布, 开课, 结业, 取消课程): exactly those of its `allowed_actions`,
//! each sent with the course's ETag; a draft without sessions shows 发布 disabled, saying a session is
//! needed first. Publishing, starting and finishing ask for a confirmation; cancelling asks for the
//! reason everyone enrolled or waiting is told. On 412 the course is read again and the user told; a 409
//! (the state changed meanwhile) is shown and the course read again.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Space, Tooltip } from 'antd';
import { useState } from 'react';
import type { Course, FinishedCourse } from '@/api/types';
import { ProblemAlert, useErrorMessage } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import { ApiError } from '@/lib/api-error';
import { applyProblemToForm, conflictMessages } from '@/lib/problem';
import {
  cancelCourse,
  courseKeys,
  fetchCourse,
  finishCourse,
  publishCourse,
  refreshCourse,
  startCourse,
  type VersionedCourse,
} from '../api/courses';
import { lifecycleActions, publishBlocker, REASON_MAX, type CourseAction } from './course-logic';

type StepAction = Exclude<CourseAction, 'cancel'>;

export function CourseLifecycle({
  target,
  onFinished,
}: {
  target: VersionedCourse;
  /** What finishing did (the certificates issued). */
  onFinished: (result: FinishedCourse) => void;
}) {
  const { t, tError } = useI18n();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [cancelling, setCancelling] = useState(false);
  const { course, sessions } = target.detail;
  const allowed = lifecycleActions(course.allowed_actions);
  // Publishing waits for a session: shown disabled, with the reason, where it would stand.
  const blocker = publishBlocker(course, sessions.length);
  const actions: CourseAction[] = blocker ? ['publish', ...allowed] : allowed;

  const step = useMutation({
    mutationFn: async (action: StepAction): Promise<Course | FinishedCourse> => {
      if (action === 'publish') return publishCourse(course.id, target.etag);
      if (action === 'start') return startCourse(course.id, target.etag);
      return finishCourse(course.id, target.etag);
    },
    onSuccess: async (result, action) => {
      await refreshCourse(queryClient, course.id);
      if (action === 'finish' && 'certificates' in result) {
        void message.success(t('course.done.finish', { count: result.certificates.length }));
        onFinished(result);
      } else {
        void message.success(t(`course.done.${action}`));
      }
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.status === 412) {
        queryClient.setQueryData(courseKeys.detail(course.id), await fetchCourse(course.id));
        void message.warning(t('course.staleReloaded'));
        return;
      }
      void message.error(error instanceof ApiError ? conflictMessages(error, tError).join(' ') : errorMessage(error));
      if (error instanceof ApiError && error.status === 409) void refreshCourse(queryClient, course.id);
    },
  });

  if (actions.length === 0) return null;

  return (
    <Space wrap>
      {actions.map((action) => {
        if (action === 'cancel') {
          return (
            <Button key={action} danger onClick={() => setCancelling(true)} data-testid="course-action-cancel">
              {t('course.actions.cancel')}
            </Button>
          );
        }
        const blocked = action === 'publish' && blocker !== null;
        const button = (
          <Button
            type="primary"
            disabled={blocked}
            loading={step.isPending && step.variables === action}
            data-testid={`course-action-${action}`}
          >
            {t(`course.actions.${action}`)}
          </Button>
        );
        if (blocked) {
          return (
            <Tooltip key={action} title={t('course.publishNeedsSession')}>
              <span data-testid={`course-action-${action}-blocked`}>{button}</span>
            </Tooltip>
          );
        }
        return (
          <Popconfirm
            key={action}
            title={t(`course.confirm.${action}`, { title: course.title })}
            okText={t(`course.actions.${action}`)}
            cancelText={t('common.cancel')}
            okButtonProps={{ 'data-testid': `confirm-${action}` }}
            onConfirm={() => step.mutateAsync(action).then(() => undefined, () => undefined)}
          >
            {button}
          </Popconfirm>
        );
      })}
      {cancelling && (
        <CancelCourseModal
          target={target}
          onClose={() => setCancelling(false)}
          onSaved={() => {
            setCancelling(false);
            void message.success(t('course.done.cancel'));
          }}
        />
      )}
    </Space>
  );
}

interface CancelValues {
  reason?: string;
}

/** 取消课程: the reason is required; the dialog says who will be told. */
function CancelCourseModal({
  target,
  onClose,
  onSaved,
}: {
  target: VersionedCourse;
  onClose: () => void;
  onSaved: (saved: Course) => void;
}) {
  const { t, tError, tFieldError } = useI18n();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CancelValues>();
  const [current, setCurrent] = useState(target);
  const [messages, setMessages] = useState<string[]>([]);
  const [stale, setStale] = useState(false);
  const { course, waitlisted_count: waitlisted } = current.detail;

  const mutation = useMutation({
    mutationFn: (values: CancelValues) => cancelCourse(course.id, current.etag, (values.reason ?? '').trim()),
    onSuccess: async (saved) => {
      await refreshCourse(queryClient, saved.id);
      onSaved(saved);
    },
    onError: async (error) => {
      if (!(error instanceof ApiError)) return setMessages([]);
      if (error.status === 412) {
        // Enrolments move the course's version too: read it again, with the new counts, and ask again.
        const fresh = await fetchCourse(course.id);
        queryClient.setQueryData(courseKeys.detail(course.id), fresh);
        setCurrent(fresh);
        setStale(true);
        setMessages([]);
        return;
      }
      if (error.status === 409) {
        setMessages(conflictMessages(error, tError));
        void refreshCourse(queryClient, course.id);
        return;
      }
      setMessages(applyProblemToForm(error, form, ['reason'], tFieldError, tError));
    },
  });

  return (
    <Modal
      open
      title={t('course.cancelDialog.title', { title: course.title })}
      okText={t('course.cancelDialog.submit')}
      cancelText={t('course.cancelDialog.keep')}
      okButtonProps={{ danger: true, 'data-testid': 'cancel-course-submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      maskClosable={false}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {stale && <Alert type="warning" showIcon message={t('course.staleReloaded')} data-testid="stale-alert" />}
        <Alert
          type="warning"
          showIcon
          data-testid="cancel-warning"
          message={t('course.cancelDialog.warning', { enrolled: course.enrolled_count, waitlisted })}
        />
        {mutation.isError && (messages.length > 0 || !(mutation.error instanceof ApiError)) && (
          <ProblemAlert error={mutation.error} messages={messages.length > 0 ? messages : undefined} />
        )}
        <Form<CancelValues>
          form={form}
          layout="vertical"
          disabled={mutation.isPending}
          onFinish={(values) => {
            setStale(false);
            setMessages([]);
            mutation.mutate(values);
          }}
        >
          <Form.Item
            name="reason"
            label={t('course.cancelDialog.reason')}
            rules={[
              { required: true, whitespace: true, message: t('course.cancelDialog.reasonRequired') },
              { max: REASON_MAX, message: t('validation.tooLong', { max: REASON_MAX }) },
            ]}
          >
            <Input.TextArea rows={3} maxLength={REASON_MAX} showCount data-testid="cancel-reason" />
          </Form.Item>
        </Form>
      </Space>
    </Modal>
  );
}
