//! 课次安排: the course's sessions in time order with the check-in screen of each (while the course takes
//! attendance) and, when the server allows `edit_sessions`, adding (date, HH:MM start and end, venue,
//! teacher) and deleting a session nobody has been marked for.
import { DeleteOutlined, PlusOutlined, QrcodeOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Empty, Form, Input, Modal, Popconfirm, Space, Table, TimePicker } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Course, CourseSession } from '@/api/types';
import { ProblemAlert, useErrorMessage } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import type { Dictionary } from '@/i18n/zh-CN';
import { ApiError } from '@/lib/api-error';
import { newIdempotencyKey } from '@/lib/idempotency';
import { applyProblemToForm, conflictMessages } from '@/lib/problem';
import { addSession, deleteSession, refreshCourse } from '../api/courses';
import {
  endsAfterStart,
  hhmm,
  SESSION_FORM_FIELDS,
  sessionTime,
  takesAttendance,
  TEACHER_MAX,
  toSessionBody,
  VENUE_MAX,
  type SessionFormValues,
} from './course-logic';

export function CourseSessions({
  course,
  sessions,
  canWrite,
}: {
  course: Pick<Course, 'id' | 'status' | 'venue' | 'allowed_actions'>;
  sessions: CourseSession[];
  canWrite: boolean;
}) {
  const { t, tError } = useI18n();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  const canChange = course.allowed_actions.includes('edit_sessions');
  const showsCheckin = canWrite && takesAttendance(course.status);

  const removal = useMutation({
    mutationFn: (session: CourseSession) => deleteSession(course.id, session.id),
    onSuccess: async () => {
      void message.success(t('course.sessions.deleted'));
      await refreshCourse(queryClient, course.id);
    },
    onError: (error) => {
      void message.error(error instanceof ApiError ? conflictMessages(error, tError).join(' ') : errorMessage(error));
      if (error instanceof ApiError && (error.status === 404 || error.status === 409)) void refreshCourse(queryClient, course.id);
    },
  });
  const busyId = removal.isPending ? removal.variables.id : null;

  const columns: TableColumnsType<CourseSession> = [
    { title: t('course.sessions.fields.date'), dataIndex: 'date' },
    {
      title: t('course.sessions.fields.time'),
      key: 'time',
      render: (_value, session) => `${hhmm(session.starts_at)}–${hhmm(session.ends_at)}`,
    },
    {
      title: t('course.sessions.fields.venue'),
      dataIndex: 'venue',
      render: (venue: string | null | undefined) => venue || course.venue,
    },
    { title: t('course.sessions.fields.teacher'), dataIndex: 'teacher' },
  ];
  if (showsCheckin || canChange) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_value, session) => (
        <Space>
          {showsCheckin && (
            <Link to={`/courses/${course.id}/sessions/${session.id}/checkin`} data-testid="session-checkin">
              <QrcodeOutlined /> {t('course.sessions.checkin')}
            </Link>
          )}
          {canChange && (
            <Popconfirm
              title={t('course.sessions.confirmDelete', { time: sessionTime(session) })}
              okText={t('common.confirm')}
              okButtonProps={{ danger: true }}
              cancelText={t('common.cancel')}
              onConfirm={() => removal.mutate(session)}
            >
              <Button
                size="small"
                danger
                icon={<DeleteOutlined />}
                loading={busyId === session.id}
                disabled={busyId !== null && busyId !== session.id}
                data-testid="session-delete"
              >
                {t('course.sessions.delete')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    });
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="course-sessions">
      {canChange && (
        <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="session-add">
          {t('course.sessions.add')}
        </Button>
      )}
      <Table<CourseSession>
        rowKey="id"
        size="small"
        data-testid="session-results"
        columns={columns}
        dataSource={sessions}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('course.sessions.empty')} /> }}
      />
      {adding && (
        <SessionFormModal
          courseId={course.id}
          onClose={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            void message.success(t('course.sessions.added'));
          }}
        />
      )}
    </Space>
  );
}

type SessionField = keyof Dictionary['course']['sessions']['fields'];

/** Mount it only while open: each opening starts with a fresh form and idempotency key. */
function SessionFormModal({ courseId, onClose, onSaved }: { courseId: string; onClose: () => void; onSaved: () => void }) {
  const { t, tError, tFieldError } = useI18n();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<SessionFormValues>();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [messages, setMessages] = useState<string[]>([]);

  const mutation = useMutation({
    mutationFn: (values: SessionFormValues) => addSession(courseId, toSessionBody(values), idempotencyKey),
    onSuccess: async () => {
      await refreshCourse(queryClient, courseId);
      onSaved();
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return setMessages([]);
      if (error.status === 409) {
        setMessages(conflictMessages(error, tError));
        void refreshCourse(queryClient, courseId);
        return;
      }
      setMessages(applyProblemToForm(error, form, SESSION_FORM_FIELDS, tFieldError, tError));
    },
  });

  const label = (field: SessionField) => t(`course.sessions.fields.${field}`);
  const required = (field: SessionField) => ({ required: true, message: t('validation.required', { field: label(field) }) });

  return (
    <Modal
      open
      title={t('course.sessions.addTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      okButtonProps={{ 'data-testid': 'session-form-submit' }}
      maskClosable={false}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {mutation.isError && (messages.length > 0 || !(mutation.error instanceof ApiError)) && (
          <ProblemAlert error={mutation.error} messages={messages.length > 0 ? messages : undefined} />
        )}
        <Form<SessionFormValues>
          form={form}
          layout="vertical"
          disabled={mutation.isPending}
          data-testid="session-form"
          onFinish={(values) => {
            setMessages([]);
            mutation.mutate(values);
          }}
        >
          <Form.Item name="date" label={label('date')} rules={[required('date')]}>
            <DatePicker style={{ width: '100%' }} data-testid="session-date" />
          </Form.Item>
          <Space size="middle" align="start" wrap>
            <Form.Item name="starts_at" label={label('starts_at')} extra={t('course.sessions.timesHint')} rules={[required('starts_at')]}>
              <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} data-testid="session-starts-at" />
            </Form.Item>
            <Form.Item
              name="ends_at"
              label={label('ends_at')}
              dependencies={['starts_at']}
              rules={[
                required('ends_at'),
                ({ getFieldValue }) => ({
                  validator: (_rule, value: SessionFormValues['ends_at']) =>
                    endsAfterStart(getFieldValue('starts_at') as SessionFormValues['starts_at'], value)
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('course.validation.endsAfterStart'))),
                }),
              ]}
            >
              <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} data-testid="session-ends-at" />
            </Form.Item>
          </Space>
          <Form.Item
            name="venue"
            label={label('venue')}
            extra={t('course.sessions.venueHint')}
            rules={[{ max: VENUE_MAX, message: t('validation.tooLong', { max: VENUE_MAX }) }]}
          >
            <Input maxLength={VENUE_MAX} data-testid="session-venue" />
          </Form.Item>
          <Form.Item
            name="teacher"
            label={label('teacher')}
            rules={[
              { ...required('teacher'), whitespace: true },
              { max: TEACHER_MAX, message: t('validation.tooLong', { max: TEACHER_MAX }) },
            ]}
          >
            <Input maxLength={TEACHER_MAX} data-testid="session-teacher" />
          </Form.Item>
        </Form>
      </Space>
    </Modal>
  );
}
