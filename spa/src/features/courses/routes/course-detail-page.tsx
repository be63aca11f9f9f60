//! /courses/:id — one course: its facts and status, a warning when enrolment closed below the minimum,
//! the life-cycle actions the server allows (`allowed_actions`), the sessions (with their check-in screens), and tabs for the
//! enrolment list, the attendance sheet, the certificates and the notices sent.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Divider, Result, Skeleton, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { FinishedCourse } from '@/api/types';
import { ProblemAlert } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import { isApiError } from '@/lib/api-error';
import { useCodes } from '@/lib/code-lists';
import { formatDateTime } from '@/lib/format';
import { formatYuan } from '@/lib/money';
import { hasPermission, PERMISSIONS } from '@/lib/permissions';
import { useMe } from '@/lib/session';
import { useCourse } from '../api/courses';
import { CourseAttendance } from '../components/course-attendance';
import { CourseCertificates } from '../components/course-certificates';
import { CourseEnrolments } from '../components/course-enrolments';
import { CourseFormModal } from '../components/course-form-modal';
import { CourseLifecycle } from '../components/course-lifecycle';
import { CourseNotices } from '../components/course-notices';
import { CourseSessions } from '../components/course-sessions';
import { BelowMinimumTag, CourseStatusTag } from '../components/course-status-tag';

type TabKey = 'enrolments' | 'attendance' | 'certificates' | 'notices';

export function CourseDetailPage() {
  const { id = '' } = useParams<{ id: string }>();
  return <CourseView key={id} id={id} />;
}

function CourseView({ id }: { id: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const codes = useCodes();
  const me = useMe().data;
  const result = useCourse(id);
  const [editing, setEditing] = useState(false);
  const [tab, setTab] = useState<TabKey>('enrolments');
  const [finished, setFinished] = useState<FinishedCourse | null>(null);

  const back = (
    <Link to="/courses">
      <ArrowLeftOutlined /> {t('course.backToCatalogue')}
    </Link>
  );

  if (result.isPending) return <Skeleton active />;
  if (isApiError(result.error, 404)) {
    return (
      <div data-testid="course-not-found">
        <Result status="404" title={t('course.notFoundTitle')} subTitle={t('course.notFoundText')} extra={back} />
      </div>
    );
  }
  if (result.isError) return <ProblemAlert error={result.error} onRetry={() => void result.refetch()} />;

  const current = result.data;
  const { course, sessions, waitlisted_count: waitlisted } = current.detail;
  const canWrite = hasPermission(me, PERMISSIONS.coursesWrite);
  const partnerText = course.partner_organisation_id
    ? (current.detail.partner_organisation_name ?? course.partner_organisation_id)
    : (course.partner_name ?? t('course.noPartner'));

  return (
    <Card
      data-testid="course-detail"
      title={
        <Space direction="vertical" size={4} style={{ padding: '12px 0' }}>
          {back}
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="course-title-heading">
              {course.title}
            </Typography.Title>
            <CourseStatusTag status={course.status} />
            {course.below_minimum && <BelowMinimumTag />}
            <Typography.Text type="secondary">{course.organisation_name}</Typography.Text>
          </Space>
        </Space>
      }
      extra={
        <Space wrap>
          <CourseLifecycle
            target={current}
            onFinished={(done) => {
              setFinished(done);
              setTab('certificates');
            }}
          />
          {course.allowed_actions.includes('update') && (
            <Button onClick={() => setEditing(true)} data-testid="course-edit">
              {t('course.edit')}
            </Button>
          )}
        </Space>
      }
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {course.below_minimum && (
          <Alert
            type="warning"
            showIcon
            data-testid="below-minimum-warning"
            message={t('course.belowMinimumWarning', { enrolled: course.enrolled_count, min: course.min_places })}
          />
        )}
        {course.status === 'cancelled' && (
          <Alert
            type="error"
            showIcon
            data-testid="cancelled-notice"
            message={t('course.cancelledNotice', { reason: course.cancel_reason ?? '' })}
          />
        )}
        {finished && (
          <Alert
            type="success"
            showIcon
            closable
            onClose={() => setFinished(null)}
            data-testid="finished-summary"
            message={t('course.finishedSummary', {
              sessions: finished.sessions,
              enrolled: finished.enrolled,
              count: finished.certificates.length,
            })}
          />
        )}
        <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2 }} data-testid="course-facts">
          <Descriptions.Item label={t('course.fields.category')}>
            {codes.label('course-categories', course.category)}
          </Descriptions.Item>
          <Descriptions.Item label={t('course.fields.eligibility')}>
            {codes.label('course-eligibilities', course.eligibility)}
          </Descriptions.Item>
          <Descriptions.Item label={t('course.fields.places')}>
            <Space size={8} wrap>
              <span data-testid="course-places">
                {t('course.placesValue', { enrolled: course.enrolled_count, max: course.max_places })}
              </span>
              {waitlisted > 0 && (
                <Typography.Text type="secondary" data-testid="course-waitlisted">
                  {t('course.waitlistValue', { count: waitlisted })}
                </Typography.Text>
              )}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('course.fields.min_places')}>
            {t('course.minPlacesValue', { min: course.min_places })}
          </Descriptions.Item>
          <Descriptions.Item label={t('course.fields.enrol_window')}>
            {t('course.windowValue', {
              opens: formatDateTime(course.enrol_opens_at),
              closes: formatDateTime(course.enrol_closes_at),
            })}
          </Descriptions.Item>
          <Descriptions.Item label={t('course.fields.fee')}>
            <span data-testid="course-fee">
              {course.fee_fen === 0 ? t('course.free') : t('course.feeValue', { amount: formatYuan(course.fee_fen) })}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('course.fields.venue')}>{course.venue}</Descriptions.Item>
          <Descriptions.Item label={t('course.fields.venue_address')}>
            {course.venue_address}（{course.venue_division}）
          </Descriptions.Item>
          <Descriptions.Item label={t('course.fields.partner')}>{partnerText}</Descriptions.Item>
          <Descriptions.Item label={t('course.fields.completion')}>
            {t('course.completionValue', { percent: course.completion_percent })}
          </Descriptions.Item>
          {course.description && (
            <Descriptions.Item label={t('course.fields.description')} span={2}>
              <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{course.description}</Typography.Paragraph>
            </Descriptions.Item>
          )}
        </Descriptions>

        <Divider orientation="left" style={{ margin: '8px 0' }}>
          {t('course.sessions.title')}
        </Divider>
        <CourseSessions course={course} sessions={sessions} canWrite={canWrite} />

        <Tabs
          activeKey={tab}
          onChange={(key) => setTab(key as TabKey)}
          data-testid="course-tabs"
          items={[
            {
              key: 'enrolments',
              label: t('course.tabs.enrolments'),
              children: <CourseEnrolments course={course} canWrite={canWrite} />,
            },
            {
              key: 'attendance',
              label: t('course.tabs.attendance'),
              children: <CourseAttendance courseId={course.id} status={course.status} canWrite={canWrite} />,
            },
            {
              key: 'certificates',
              label: t('course.tabs.certificates'),
              children: <CourseCertificates courseId={course.id} status={course.status} canWrite={canWrite} />,
            },
            { key: 'notices', label: t('course.tabs.notices'), children: <CourseNotices courseId={course.id} /> },
          ]}
          destroyOnHidden
        />
      </Space>

      {editing && (
        <CourseFormModal
          mode="edit"
          target={current}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            void message.success(t('course.updated'));
          }}
        />
      )}
    </Card>
  );
}
