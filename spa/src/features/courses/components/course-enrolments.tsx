//! 报名名单: enrolled in arrival order, then the waitlist (候补) with each one's position, then those who
//! left. Staff enrol people when the server allows it (`enrol` in the course's `allowed_actions`), and
//! remove someone before it starts (with an optional reason); the answer names who moved up from the
//! waitlist, which the tab then says.
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Empty, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import type { Course, Enrolment, Withdrawal } from '@/api/types';
import { ProblemAlert } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import { ApiError } from '@/lib/api-error';
import { useCodes } from '@/lib/code-lists';
import { formatDateTime } from '@/lib/format';
import { applyProblemToForm, conflictMessages } from '@/lib/problem';
import { refreshCourse, useEnrolments, withdrawEnrolment } from '../api/courses';
import {
  enrolmentCounts,
  enrolmentRows,
  REASON_MAX,
  type EnrolmentRow,
} from './course-logic';
import { EnrolModal } from './enrol-modal';

const GROUP_COLORS: Record<string, string> = { enrolled: 'green', waitlisted: 'gold', left: 'default' };

export function CourseEnrolments({
  course,
  canWrite,
}: {
  course: Pick<Course, 'id' | 'title' | 'status' | 'eligibility' | 'max_places' | 'allowed_actions'>;
  canWrite: boolean;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const codes = useCodes();
  const result = useEnrolments(course.id);
  const [enrolling, setEnrolling] = useState(false);
  const [removing, setRemoving] = useState<Enrolment | null>(null);
  const [promoted, setPromoted] = useState<Enrolment[]>([]);
  const items = result.data?.items ?? [];
  const rows = enrolmentRows(items);
  const counts = enrolmentCounts(items);

  const columns: TableColumnsType<EnrolmentRow> = [
    {
      title: t('course.enrolments.fields.order'),
      key: 'order',
      render: (_value, row) =>
        row.group === 'enrolled'
          ? t('course.enrolments.place', { n: row.position ?? 0 })
          : row.group === 'waitlisted'
            ? t('course.enrolments.waitPosition', { n: row.position ?? 0 })
            : '',
    },
    { title: t('course.enrolments.fields.name'), key: 'name', render: (_value, row) => row.enrolment.name },
    {
      title: t('course.enrolments.fields.id_number'),
      key: 'id_number',
      render: (_value, row) => <code>{row.enrolment.id_number}</code>,
    },
    { title: t('course.enrolments.fields.mobile'), key: 'mobile', render: (_value, row) => row.enrolment.mobile ?? '' },
    {
      title: t('course.enrolments.fields.type'),
      key: 'type',
      render: (_value, row) => (
        <Space size={4}>
          <Tag>{row.enrolment.member_id ? t('course.enrolments.memberTag') : t('course.enrolments.nonMemberTag')}</Tag>
          {row.enrolment.migrant_worker && <Tag color="cyan">{t('course.enrolments.migrantTag')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('course.enrolments.fields.status'),
      key: 'status',
      render: (_value, row) => (
        <Space direction="vertical" size={0}>
          <Tag color={GROUP_COLORS[row.group]} data-testid="enrolment-status">
            {codes.label('enrolment-statuses', row.enrolment.status)}
          </Tag>
          {row.enrolment.left_reason && (
            <Typography.Text type="secondary">
              {t('course.enrolments.leftReason', { reason: row.enrolment.left_reason })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('course.enrolments.fields.time'),
      key: 'time',
      render: (_value, row) =>
        formatDateTime(row.enrolment.left_at ?? row.enrolment.enrolled_at ?? row.enrolment.created_at),
    },
  ];
  if (canWrite) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_value, row) =>
        row.enrolment.allowed_actions.includes('remove') ? (
          <Button size="small" danger onClick={() => setRemoving(row.enrolment)} data-testid="enrolment-remove">
            {t('course.enrolments.remove')}
          </Button>
        ) : null,
    });
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="course-enrolments">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text strong data-testid="enrolment-counts">
          {t('course.enrolments.counts', { enrolled: counts.enrolled, max: course.max_places, waitlisted: counts.waitlisted })}
        </Typography.Text>
        {course.allowed_actions.includes('enrol') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEnrolling(true)} data-testid="enrol-open">
            {t('course.enrolments.enrol')}
          </Button>
        )}
      </Space>
      {promoted.length > 0 && (
        <Alert
          type="success"
          showIcon
          closable
          onClose={() => setPromoted([])}
          data-testid="promoted-alert"
          message={t('course.enrolments.promoted', { names: promoted.map((p) => p.name).join('、') })}
        />
      )}
      {result.isError && <ProblemAlert error={result.error} onRetry={() => void result.refetch()} />}
      {!result.isError && (
        <Table<EnrolmentRow>
          rowKey={(row) => row.enrolment.id}
          size="small"
          data-testid="enrolment-results"
          loading={result.isPending}
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
          onRow={(row) => ({ 'data-group': row.group }) as HTMLAttributes<HTMLElement>}
          locale={{ emptyText: <Empty description={t('course.enrolments.empty')} /> }}
        />
      )}
      {enrolling && (
        <EnrolModal
          course={course}
          onClose={() => setEnrolling(false)}
          onSaved={(saved) => {
            setEnrolling(false);
            setPromoted([]);
            if (saved.status === 'waitlisted') {
              void message.warning(
                t('course.enrolments.waitlisted', { name: saved.name, position: saved.waitlist_position ?? '' }),
              );
            } else {
              void message.success(t('course.enrolments.enrolled', { name: saved.name }));
            }
          }}
        />
      )}
      {removing && (
        <RemoveEnrolmentModal
          courseId={course.id}
          enrolment={removing}
          onClose={() => setRemoving(null)}
          onSaved={(answer) => {
            setRemoving(null);
            setPromoted(answer.promoted);
            void message.success(t('course.enrolments.removed', { name: answer.enrolment.name }));
          }}
        />
      )}
    </Space>
  );
}

interface RemoveValues {
  reason?: string;
}

/** Confirms a removal; the reason is optional and recorded with it. */
function RemoveEnrolmentModal({
  courseId,
  enrolment,
  onClose,
  onSaved,
}: {
  courseId: string;
  enrolment: Enrolment;
  onClose: () => void;
  onSaved: (answer: Withdrawal) => void;
}) {
  const { t, tError, tFieldError } = useI18n();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<RemoveValues>();
  const [messages, setMessages] = useState<string[]>([]);

  const mutation = useMutation({
    mutationFn: (values: RemoveValues) => withdrawEnrolment(courseId, enrolment.id, (values.reason ?? '').trim() || undefined),
    onSuccess: async (answer) => {
      await refreshCourse(queryClient, courseId);
      onSaved(answer);
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) return setMessages([]);
      if (error.status === 409 || error.status === 404) {
        setMessages(conflictMessages(error, tError));
        void refreshCourse(queryClient, courseId);
        return;
      }
      setMessages(applyProblemToForm(error, form, ['reason'], tFieldError, tError));
    },
  });

  return (
    <Modal
      open
      title={t('course.enrolments.removeTitle', { name: enrolment.name })}
      okText={t('course.enrolments.remove')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, 'data-testid': 'remove-submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      maskClosable={false}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Alert
          type="warning"
          showIcon
          message={
            enrolment.status === 'waitlisted'
              ? t('course.enrolments.removeWarningWaitlisted', { name: enrolment.name })
              : t('course.enrolments.removeWarning', { name: enrolment.name })
          }
        />
        {mutation.isError && (messages.length > 0 || !(mutation.error instanceof ApiError)) && (
          <ProblemAlert error={mutation.error} messages={messages.length > 0 ? messages : undefined} />
        )}
        <Form<RemoveValues>
          form={form}
          layout="vertical"
          disabled={mutation.isPending}
          onFinish={(values) => {
            setMessages([]);
            mutation.mutate(values);
          }}
        >
          <Form.Item
            name="reason"
            label={t('course.enrolments.reason')}
            rules={[{ max: REASON_MAX, message: t('validation.tooLong', { max: REASON_MAX }) }]}
          >
            <Input.TextArea rows={2} maxLength={REASON_MAX} showCount data-testid="remove-reason" />
          </Form.Item>
        </Form>
      </Space>
    </Modal>
  );
}
