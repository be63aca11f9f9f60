//! /me/courses — 培训课程 for a worker's own account: the courses they may enrol on (报名, or the waitlist
//! when full), their enrolments (签到 with the code on the screen, 退出报名 before the start) and their
//! notices. The tab is kept in the URL (`?tab=enrolments`), so a notice or a QR code can link straight to it.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Badge, Card, Tabs } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useI18n } from '@/i18n/i18n-provider';
import { isApiError } from '@/lib/api-error';
import { useOwnEnrolments, useOwnNotices } from '../api/own-courses';
import { useOwnMember } from '../api/self-service';
import { OwnCourseCatalogue } from '../components/own-course-catalogue';
import { OwnEnrolments } from '../components/own-enrolments';
import { OwnNotices } from '../components/own-notices';

const TABS = ['catalogue', 'enrolments', 'notices'] as const;
type Tab = (typeof TABS)[number];

export function MyCoursesPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(requested ?? '') ? (requested as Tab) : 'catalogue';
  const own = useOwnMember();
  // Until the record is known, a linked member is assumed (the usual case); a 404 means not linked.
  const linked = !isApiError(own.error, 404);
  const enrolments = useOwnEnrolments();
  const notices = useOwnNotices();
  const live = (enrolments.data?.items ?? []).filter((e) => ['enrolled', 'waitlisted'].includes(e.enrolment.status)).length;

  return (
    <Card
      title={t('myCourses.title')}
      extra={
        <Link to="/me">
          <ArrowLeftOutlined /> {t('nav.myMembership')}
        </Link>
      }
      data-testid="my-courses"
    >
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'catalogue' ? {} : { tab: key }, { replace: true })}
        items={[
          {
            key: 'catalogue',
            label: t('myCourses.tabs.catalogue'),
            children: <OwnCourseCatalogue enrolments={enrolments.data?.items} linked={linked} />,
          },
          {
            key: 'enrolments',
            label: (
              <span data-testid="my-enrolments-tab">
                {t('myCourses.tabs.enrolments')} <Badge count={live} size="small" />
              </span>
            ),
            children: <OwnEnrolments enrolments={enrolments} />,
          },
          {
            key: 'notices',
            label: <span data-testid="my-notices-tab">{t('myCourses.tabs.notices')}</span>,
            children: <OwnNotices notices={notices} />,
          },
        ]}
      />
    </Card>
  );
}
