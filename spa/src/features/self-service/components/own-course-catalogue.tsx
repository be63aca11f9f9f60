//! 课程报名: the courses a worker may enrol on (their union's and the federations' above it), each with its
//! status, places, enrolment window, venue and fee, and what the worker may do: 报名, 候补报名 when full,
//! or where they stand (已报名, 候补第 N 位) and why not (not open yet, closed, started). The answer of an
//! enrolment says whether it got a place or a waitlist position.
import { CheckCircleOutlined, ClockCircleOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Empty, List, Popconfirm, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import type { Course, EnrolPersonBody, OwnEnrolment } from '@/api/types';
import { ProblemAlert } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import { useCodes } from '@/lib/code-lists';
import { formatDateTime } from '@/lib/format';
import { newIdempotencyKey } from '@/lib/idempotency';
import { formatYuan } from '@/lib/money';
import { enrolOwn, ownCourseKeys, useOwnCourses } from '../api/own-courses';
import { enrolOutcome, enrolState, placesLeft, type EnrolOutcome } from './course-logic';
import { ownCourseErrorMessage } from './own-errors';
import { PersonEnrolModal } from './person-enrol-modal';
import { LoadMore } from '@/components/load-more';

interface Attempt {
  courseId: string;
  outcome?: EnrolOutcome;
  error?: unknown;
}

export function OwnCourseCatalogue({ enrolments, linked }: { enrolments: OwnEnrolment[] | undefined; linked: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  const codes = useCodes();
  const queryClient = useQueryClient();
  const courses = useOwnCourses();
  const rows = courses.data?.pages.flatMap((page) => page.items) ?? [];
  const [attempt, setAttempt] = useState<Attempt | null>(null);
  const [personFor, setPersonFor] = useState<Course | null>(null);
  // One key per course while the page is open: a retry after a lost answer does not enrol twice.
  const [keys] = useState(() => new Map<string, string>());
  const keyFor = (courseId: string) => {
    const existing = keys.get(courseId);
    if (existing) return existing;
    const key = newIdempotencyKey();
    keys.set(courseId, key);
    return key;
  };

  const refresh = () => queryClient.invalidateQueries({ queryKey: ownCourseKeys.all });

  const enrol = useMutation({
    mutationFn: ({ course, person }: { course: Course; person?: EnrolPersonBody }) =>
      enrolOwn(course.id, person, keyFor(course.id)),
    onSuccess: async (enrolment, { course }) => {
      setAttempt({ courseId: course.id, outcome: enrolOutcome(enrolment) });
      setPersonFor(null);
      await refresh();
    },
    onError: async (error, { course, person }) => {
      // The dialog shows its own errors; here only those of a plain 报名.
      if (!person) setAttempt({ courseId: course.id, error });
      await refresh();
    },
  });

  const start = (course: Course) => {
    setAttempt(null);
    if (linked) enrol.mutate({ course });
    else setPersonFor(course);
  };

  const renderCourse = (course: Course) => {
    const state = enrolState(course, enrolments);
    const pending = enrol.isPending && enrol.variables?.course.id === course.id;
    const mine = attempt?.courseId === course.id ? attempt : null;
    let action;
    switch (state.kind) {
      case 'enrolled':
        action = (
          <Tag color="green" icon={<CheckCircleOutlined />} data-testid="my-course-state">
            {t('myCourses.state.enrolled')}
          </Tag>
        );
        break;
      case 'waitlisted':
        action = (
          <Tag color="orange" icon={<ClockCircleOutlined />} data-testid="my-course-state">
            {state.position ? t('myCourses.waitlistPosition', { position: state.position }) : t('myCourses.state.waitlisted')}
          </Tag>
        );
        break;
      case 'can_enrol':
      case 'can_waitlist': {
        const label = state.kind === 'can_enrol' ? t('myCourses.enrol') : t('myCourses.enrolWaitlist');
        const button = (
          <Button type="primary" loading={pending} onClick={linked ? undefined : () => start(course)} data-testid="my-course-enrol">
            {label}
          </Button>
        );
        action = linked ? (
          <Popconfirm
            title={t('myCourses.confirmEnrol', { title: course.title })}
            description={state.kind === 'can_waitlist' ? t('myCourses.confirmWaitlist') : undefined}
            okText={label}
            cancelText={t('common.cancel')}
            onConfirm={() => start(course)}
          >
            {button}
          </Popconfirm>
        ) : (
          button
        );
        break;
      }
      default:
        action = (
          <Tooltip title={state.kind === 'not_yet' ? t('myCourses.opensAt', { time: formatDateTime(course.enrol_opens_at) }) : undefined}>
            <Button disabled data-testid="my-course-enrol">
              {t(`myCourses.state.${state.kind}`)}
            </Button>
          </Tooltip>
        );
    }

    return (
      <List.Item data-testid="my-course" data-title={course.title}>
        <Space direction="vertical" size={4} style={{ width: '100%' }}>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, justifyContent: 'space-between', alignItems: 'flex-start' }}>
            <Space wrap size={[8, 4]} style={{ flex: '1 1 240px' }}>
              <Typography.Text strong style={{ fontSize: 16 }} data-testid="my-course-title">
                {course.title}
              </Typography.Text>
              <Tag color={course.status === 'open' ? 'green' : course.status === 'full' ? 'orange' : 'blue'}>
                {codes.label('course-statuses', course.status)}
              </Tag>
              <Tag>{codes.label('course-categories', course.category)}</Tag>
            </Space>
            {action}
          </div>
          <Typography.Text type="secondary">
            {course.organisation_name} · {course.venue}（{course.venue_address}）
          </Typography.Text>
          <Space wrap size={[16, 0]}>
            <span data-testid="my-course-places">
              {t('myCourses.places', {
                enrolled: course.enrolled_count,
                max: course.max_places,
                left: placesLeft(course),
              })}
            </span>
            <span>
              {t('myCourses.window', { from: formatDateTime(course.enrol_opens_at), to: formatDateTime(course.enrol_closes_at) })}
            </span>
            <span>{course.fee_fen === 0 ? t('myCourses.free') : t('myCourses.fee', { yuan: formatYuan(course.fee_fen) })}</span>
            <span>{t('myCourses.eligibility', { who: codes.label('course-eligibilities', course.eligibility) })}</span>
          </Space>
          {course.description && (
            <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, expandable: true, symbol: t('common.details') }} style={{ marginBottom: 0 }}>
              {course.description}
            </Typography.Paragraph>
          )}
          {mine?.outcome && (
            <Alert
              type={mine.outcome.kind === 'enrolled' ? 'success' : 'warning'}
              showIcon
              data-testid="my-course-outcome"
              message={
                mine.outcome.kind === 'enrolled'
                  ? t('myCourses.outcome.enrolled')
                  : mine.outcome.position
                    ? t('myCourses.outcome.waitlisted', { position: mine.outcome.position })
                    : t('myCourses.state.waitlisted')
              }
            />
          )}
          {mine?.error !== undefined && (
            <ProblemAlert error={mine.error} messages={[ownCourseErrorMessage(mine.error, i18n)]} />
          )}
        </Space>
      </List.Item>
    );
  };

  if (courses.isError) return <ProblemAlert error={courses.error} onRetry={() => void courses.refetch()} />;
  return (
    <>
      {!linked && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('myCourses.unlinkedHint')} />}
      <List<Course>
        data-testid="my-course-list"
        loading={courses.isPending}
        dataSource={rows}
        rowKey="id"
        renderItem={renderCourse}
        locale={{ emptyText: <Empty description={t('myCourses.catalogueEmpty')} /> }}
      />
      <LoadMore pages={courses} style={{ marginTop: 12 }} />
      {personFor && (
        <PersonEnrolModal
          course={personFor}
          pending={enrol.isPending}
          error={enrol.isError && enrol.variables?.person ? enrol.error : null}
          onSubmit={(person) => enrol.mutate({ course: personFor, person })}
          onClose={() => {
            setPersonFor(null);
            enrol.reset();
          }}
        />
      )}
    </>
  );
}
