//! /me — 我的会籍: a worker's own membership (card, masked numbers, mobile editor, history, honours) and
//! their join and transfer requests. An account not linked to a member record yet gets an explanation
//! and 申请入会 instead.
import { LikeOutlined, ReadOutlined, SwapOutlined, UserAddOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Result, Skeleton, Space, Tabs, Tooltip, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { HonoursTable } from '@/components/honours-table';
import { JoinRequestModal } from '@/components/join-request-modal';
import { MembershipHistoryTimeline } from '@/components/membership-history';
import { ProblemAlert } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import { isApiError } from '@/lib/api-error';
import {
  createOwnJoinRequest,
  useOwnHistory,
  useOwnHonours,
  useOwnMember,
  useOwnRequests,
  type OwnMember,
} from '../api/self-service';
import { MembershipCard } from '../components/membership-card';
import { OwnRequestsTable } from '../components/own-requests';
import { OwnTransferModal } from '../components/own-transfer-modal';
import { openRequest, transferBlock } from '../components/self-service-logic';

export function MyMembershipPage() {
  const { t } = useI18n();
  const own = useOwnMember();
  const requests = useOwnRequests();
  const notLinked = isApiError(own.error, 404);

  let body: ReactNode;
  if (own.isPending) body = <Skeleton active />;
  else if (notLinked) body = <NotLinked hasOpenRequest={!!openRequest(requests.data?.items)} />;
  else if (own.isError) body = <ProblemAlert error={own.error} onRetry={() => void own.refetch()} />;
  else body = <Linked current={own.data} />;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="my-membership">
      {body}
      <TrainingLinks />
      <Card title={t('selfService.requestsTitle')} data-testid="my-requests-card">
        <OwnRequestsTable requests={requests} />
      </Card>
    </Space>
  );
}

/** Where the worker's training lives: their courses (报名, 签到, notices) and the demand board (职工点菜). */
function TrainingLinks() {
  const { t } = useI18n();
  return (
    <Card size="small" data-testid="my-training-links">
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography.Text>
          <ReadOutlined /> {t('myCourses.linkText')}
        </Typography.Text>
        <Space wrap>
          <Link to="/me/courses" data-testid="my-courses-link">
            <Button type="primary" ghost icon={<ReadOutlined />}>
              {t('myCourses.title')}
            </Button>
          </Link>
          <Link to="/course-requests" data-testid="my-course-requests-link">
            <Button icon={<LikeOutlined />}>{t('courseRequest.title')}</Button>
          </Link>
        </Space>
      </div>
    </Card>
  );
}

function Linked({ current }: { current: OwnMember }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const requests = useOwnRequests();
  const history = useOwnHistory();
  const honours = useOwnHonours();
  const [transferring, setTransferring] = useState(false);
  // Until the requests are known the button waits (an open request would only earn a 409).
  const block = requests.isSuccess ? transferBlock(current.member, requests.data.items) : null;
  const blockText =
    block === 'inactive' ? t('selfService.transferInactive') : block === 'request_open' ? t('selfService.requestOpen') : null;

  const transferButton = (
    <Tooltip title={blockText}>
      <Button
        icon={<SwapOutlined />}
        disabled={!requests.isSuccess || block !== null}
        onClick={() => setTransferring(true)}
        data-testid="my-transfer"
      >
        {t('selfService.transferAction')}
      </Button>
    </Tooltip>
  );

  return (
    <>
      <MembershipCard current={current} extra={transferButton} />
      <Card>
        <Tabs
          data-testid="my-tabs"
          items={[
            {
              key: 'history',
              label: t('selfService.tabs.history'),
              children: <MembershipHistoryTimeline history={history} />,
            },
            {
              key: 'honours',
              label: t('selfService.tabs.honours'),
              children: honours.isPending ? (
                <Skeleton active />
              ) : honours.isError ? (
                <ProblemAlert error={honours.error} onRetry={() => void honours.refetch()} />
              ) : (
                <HonoursTable honours={honours.data.items} />
              ),
            },
          ]}
        />
      </Card>
      {transferring && (
        <OwnTransferModal
          member={current.member}
          onClose={() => setTransferring(false)}
          onSaved={(saved) => {
            setTransferring(false);
            void message.success(t('selfService.transferCreated', { name: saved.to_organisation_name }));
          }}
        />
      )}
    </>
  );
}

function NotLinked({ hasOpenRequest }: { hasOpenRequest: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [joining, setJoining] = useState(false);
  return (
    <Card data-testid="my-membership-unlinked">
      <Result
        status="info"
        title={t('selfService.notLinkedTitle')}
        subTitle={t('selfService.notLinkedText')}
        extra={
          <Space direction="vertical" align="center">
            {hasOpenRequest && <Alert type="info" showIcon message={t('selfService.requestOpen')} />}
            <Button
              type="primary"
              icon={<UserAddOutlined />}
              disabled={hasOpenRequest}
              onClick={() => setJoining(true)}
              data-testid="my-join"
            >
              {t('selfService.joinAction')}
            </Button>
          </Space>
        }
      />
      {joining && (
        <JoinRequestModal
          submit={createOwnJoinRequest}
          intro={t('selfService.joinIntro')}
          onClose={() => setJoining(false)}
          onSaved={(saved) => {
            setJoining(false);
            void message.success(t('selfService.joinCreated', { name: saved.to_organisation_name }));
          }}
        />
      )}
    </Card>
  );
}
