//! 考勤: the attendance sheet — a row per enrolled trainee, a column per session. With `courses:write`
//! on a course that takes attendance each cell is a small select (出勤, 迟到, 缺勤, 请假) that saves the
//! mark at once; each row shows the sessions attended and whether that meets the completion rule.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Empty, Select, Table, Tag, Typography, Space } from 'antd';
import type { TableColumnsType } from 'antd';
import type { AttendanceLine, AttendanceSheet, AttendanceStatus } from '@/api/types';
import { ProblemAlert, useErrorMessage } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import { ApiError } from '@/lib/api-error';
import { useCodes } from '@/lib/code-lists';
import { conflictMessages } from '@/lib/problem';
import { courseKeys, markAttendance, useAttendanceSheet } from '../api/courses';
import { hhmm, takesAttendance } from './course-logic';

const MARK_COLORS: Record<string, string> = { present: 'green', late: 'gold', absent: 'red', excused: 'blue' };

interface MarkRequest {
  sessionId: string;
  line: AttendanceLine;
  status: AttendanceStatus;
}

export function CourseAttendance({ courseId, status, canWrite }: { courseId: string; status: string; canWrite: boolean }) {
  const { t, tError } = useI18n();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const codes = useCodes();
  const queryClient = useQueryClient();
  const result = useAttendanceSheet(courseId);
  const canMark = canWrite && takesAttendance(status);

  const mark = useMutation({
    mutationFn: ({ sessionId, line, status: next }: MarkRequest) => markAttendance(courseId, sessionId, line.enrolment_id, next),
    onMutate: ({ sessionId, line, status: next }) => {
      // Show the new mark at once; the sheet is read again for the counts.
      queryClient.setQueryData<AttendanceSheet>(courseKeys.attendance(courseId), (old) =>
        old
          ? {
              ...old,
              lines: old.lines.map((l) =>
                l.enrolment_id === line.enrolment_id ? { ...l, marks: { ...l.marks, [sessionId]: next } } : l,
              ),
            }
          : old,
      );
    },
    onSuccess: (_saved, { line, status: next }) => {
      void message.success(t('course.attendance.marked', { name: line.name, status: codes.label('attendance-statuses', next) }));
    },
    onError: (error) => {
      void message.error(error instanceof ApiError ? conflictMessages(error, tError).join(' ') : errorMessage(error));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: courseKeys.attendance(courseId) }),
  });

  if (result.isError) return <ProblemAlert error={result.error} onRetry={() => void result.refetch()} />;
  const sheet = result.data;
  const sessions = sheet?.sessions ?? [];

  const columns: TableColumnsType<AttendanceLine> = [
    { title: t('course.enrolments.fields.name'), dataIndex: 'name', fixed: 'left' },
    ...sessions.map((session) => ({
      title: (
        <Space direction="vertical" size={0}>
          <span>{session.date}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {hhmm(session.starts_at)}–{hhmm(session.ends_at)}
          </Typography.Text>
        </Space>
      ),
      key: session.id,
      render: (_value: unknown, line: AttendanceLine) => {
        const current = line.marks[session.id];
        if (!canMark) {
          return current ? (
            <Tag color={MARK_COLORS[current]}>{codes.label('attendance-statuses', current)}</Tag>
          ) : (
            <Typography.Text type="secondary">{t('course.attendance.unmarked')}</Typography.Text>
          );
        }
        const busy = mark.isPending && mark.variables.sessionId === session.id && mark.variables.line.enrolment_id === line.enrolment_id;
        return (
          <Select
            size="small"
            style={{ width: 96 }}
            value={current}
            placeholder={t('course.attendance.unmarked')}
            loading={busy}
            options={codes.options('attendance-statuses')}
            // The options are the code list `attendance-statuses`, whose values are the API's AttendanceStatus.
            onChange={(next: string) => mark.mutate({ sessionId: session.id, line, status: next as AttendanceStatus })}
            data-testid="attendance-cell"
            data-session={session.id}
            aria-label={`${line.name} ${session.date}`}
          />
        );
      },
    })),
    {
      title: t('course.attendance.attended'),
      dataIndex: 'attended',
      align: 'center',
      render: (attended: number) => (
        <span data-testid="attendance-attended">{t('course.attendance.attendedValue', { attended, total: sessions.length })}</span>
      ),
    },
    {
      title: t('course.attendance.completes'),
      dataIndex: 'completes',
      align: 'center',
      render: (completes: boolean) => (
        <Tag color={completes ? 'green' : 'default'} data-testid="attendance-completes">
          {completes ? t('course.attendance.yes') : t('course.attendance.no')}
        </Tag>
      ),
    },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="course-attendance">
      {sheet && (
        <Typography.Text type="secondary" data-testid="attendance-rule">
          {t('course.attendance.rule', { percent: sheet.completion_percent })}
        </Typography.Text>
      )}
      {sheet && sessions.length === 0 ? (
        <Empty description={t('course.attendance.noSessions')} />
      ) : (
        <Table<AttendanceLine>
          rowKey="enrolment_id"
          size="small"
          data-testid="attendance-results"
          loading={result.isPending}
          columns={columns}
          dataSource={sheet?.lines ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={t('course.attendance.noTrainees')} /> }}
        />
      )}
    </Space>
  );
}
