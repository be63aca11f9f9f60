//! 签到: the worker picks the session (today's is offered first; the course's sessions come from the
//! self-service course read) and types the six digits shown on the screen in the room. A wrong or expired
//! code lands on the field; checking in again keeps the first mark. The answer says present or late.
import { CheckCircleFilled } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, Modal, Result, Select, Skeleton, Space } from 'antd';
import { useEffect, useState } from 'react';
import type { AttendanceMark, CourseSession, FieldError, OwnEnrolment } from '@/api/types';
import { ProblemAlert } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import { ApiError } from '@/lib/api-error';
import { useCodes } from '@/lib/code-lists';
import { applyProblemToForm, conflictMessages } from '@/lib/problem';
import { checkIn, ownCourseKeys, useOwnCourse } from '../api/own-courses';
import { defaultSession, isCheckinCode, normaliseCheckinCode, shortTime } from './course-logic';

interface CheckinFormValues {
  session_id?: string;
  code?: string;
}

export function CheckinModal({ enrolment, onClose }: { enrolment: OwnEnrolment; onClose: () => void }) {
  const { t, tError, tFieldError } = useI18n();
  const codes = useCodes();
  const queryClient = useQueryClient();
  const courseId = enrolment.enrolment.course_id;
  const course = useOwnCourse(courseId);
  const sessions = course.data?.sessions ?? [];
  const [form] = Form.useForm<CheckinFormValues>();
  const [messages, setMessages] = useState<string[]>([]);
  const [mark, setMark] = useState<AttendanceMark | null>(null);

  // Offer today's session (or the next) once the sessions are known.
  useEffect(() => {
    if (!course.data || form.getFieldValue('session_id')) return;
    form.setFieldsValue({ session_id: defaultSession(course.data.sessions)?.id });
  }, [course.data, form]);

  const fieldError = (error: FieldError) =>
    error.field === 'code' && error.code === 'invalid_value' ? t('myCourses.checkin.codeWrong') : tFieldError(error);

  const mutation = useMutation({
    mutationFn: (values: CheckinFormValues) =>
      checkIn(courseId, values.session_id ?? '', { code: normaliseCheckinCode(values.code) }),
    onSuccess: async (saved) => {
      setMark(saved);
      await queryClient.invalidateQueries({ queryKey: ownCourseKeys.enrolments });
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return setMessages([]);
      if (error.status === 409 || error.status === 404) return setMessages(conflictMessages(error, tError));
      setMessages(applyProblemToForm(error, form, ['session_id', 'code'], fieldError, tError));
    },
  });

  const sessionLabel = (session: CourseSession) =>
    t('myCourses.checkin.sessionLabel', {
      date: session.date,
      from: shortTime(session.starts_at),
      to: shortTime(session.ends_at),
      teacher: session.teacher,
    });
  const codeLabel = t('myCourses.checkin.code');

  return (
    <Modal
      open
      title={t('myCourses.checkin.title', { title: enrolment.course_title })}
      onCancel={onClose}
      maskClosable={false}
      footer={
        mark ? (
          <Button type="primary" onClick={onClose} data-testid="my-checkin-done">
            {t('common.close')}
          </Button>
        ) : (
          <Space>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button
              type="primary"
              loading={mutation.isPending}
              disabled={!course.isSuccess || sessions.length === 0}
              onClick={() => form.submit()}
              data-testid="my-checkin-submit"
            >
              {t('myCourses.checkin.submit')}
            </Button>
          </Space>
        )
      }
    >
      {mark ? (
        <Result
          status="success"
          icon={<CheckCircleFilled />}
          title={<span data-testid="my-checkin-result">{t('myCourses.checkin.done', { status: codes.label('attendance-statuses', mark.status) })}</span>}
          subTitle={t('myCourses.checkin.doneText')}
        />
      ) : course.isPending ? (
        <Skeleton active />
      ) : course.isError ? (
        <ProblemAlert error={course.error} onRetry={() => void course.refetch()} />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          {mutation.isError && (messages.length > 0 || !(mutation.error instanceof ApiError)) && (
            <ProblemAlert error={mutation.error} messages={messages.length > 0 ? messages : undefined} />
          )}
          <Form<CheckinFormValues>
            form={form}
            layout="vertical"
            disabled={mutation.isPending}
            data-testid="my-checkin-form"
            onFinish={(values) => {
              setMessages([]);
              mutation.mutate(values);
            }}
          >
            <Form.Item
              name="session_id"
              label={t('myCourses.checkin.session')}
              rules={[{ required: true, message: t('validation.required', { field: t('myCourses.checkin.session') }) }]}
            >
              <Select
                options={sessions.map((session) => ({ value: session.id, label: sessionLabel(session) }))}
                notFoundContent={t('myCourses.checkin.noSessions')}
                data-testid="my-checkin-session"
              />
            </Form.Item>
            <Form.Item
              name="code"
              label={codeLabel}
              extra={t('myCourses.checkin.codeHint')}
              rules={[
                { required: true, whitespace: true, message: t('validation.required', { field: codeLabel }) },
                {
                  validator: (_rule, value: string | undefined) =>
                    !value || !value.trim() || isCheckinCode(value)
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('myCourses.checkin.codeFormat'))),
                },
              ]}
            >
              <Input
                size="large"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={8}
                autoFocus
                style={{ fontSize: 24, letterSpacing: 8, textAlign: 'center' }}
                data-testid="my-checkin-code"
              />
            </Form.Item>
          </Form>
        </Space>
      )}
    </Modal>
  );
}
