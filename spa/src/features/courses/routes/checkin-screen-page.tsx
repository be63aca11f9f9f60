//! /courses/:id/sessions/:sessionId/checkin — the check-in screen for a projector: the session's
//! six-digit code in very large digits, the course and the session, a countdown to the code's expiry and
//! the next code fetched as soon as it is due (or at once with 刷新). Full screen, without the menu.
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Progress, Space, Spin, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ProblemAlert, useErrorMessage } from '@/components/problem-alert';
import { useI18n } from '@/i18n/i18n-provider';
import { ApiError } from '@/lib/api-error';
import { tokenStore } from '@/lib/auth/token-store';
import { conflictMessages } from '@/lib/problem';
import { useCheckinCode, useCourse, type ReceivedCode } from '../api/courses';
import { clockOffset, formatCountdown, percentLeft, refreshDelay, secondsLeft } from '../components/checkin-logic';
import { hhmm } from '../components/course-logic';

const BACKGROUND = '#0b1f3a';

export function CheckinScreenPage() {
  const { id = '', sessionId = '' } = useParams<{ id: string; sessionId: string }>();
  return <CheckinScreen key={`${id}/${sessionId}`} courseId={id} sessionId={sessionId} />;
}

/** Ticks once a second so the countdown moves. */
function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

function CheckinScreen({ courseId, sessionId }: { courseId: string; sessionId: string }) {
  const { t, tError } = useI18n();
  const errorMessage = useErrorMessage();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const now = useNow();
  const course = useCourse(courseId);
  const refetchAfter = useCallback(
    (received: ReceivedCode) =>
      refreshDelay(received.code.expires_at, Date.now(), clockOffset(received.serverDate, received.receivedAt)),
    [],
  );
  const code = useCheckinCode(courseId, sessionId, refetchAfter);

  // Outside the app's frame: a session that ends (refresh refused) goes back to the login page here too.
  useEffect(
    () =>
      tokenStore.onSessionEnd(() => {
        queryClient.clear();
        void navigate('/login', { replace: true, state: { from: `/courses/${courseId}/sessions/${sessionId}/checkin` } });
      }),
    [navigate, queryClient, courseId, sessionId],
  );

  const session = course.data?.detail.sessions.find((s) => s.id === sessionId);
  const received = code.data;
  const offset = received ? clockOffset(received.serverDate, received.receivedAt) : 0;
  // The ticking clock may be up to a second older than the code just received.
  const left = received
    ? secondsLeft(received.code.expires_at, Math.max(now, received.receivedAt), offset, received.code.window_seconds)
    : 0;
  const backTo = `/courses/${courseId}`;

  let body;
  if (code.isPending) {
    body = <Spin size="large" />;
  } else if (code.isError && !received) {
    const error = code.error;
    body = (
      <Space direction="vertical" size="large" style={{ maxWidth: 720 }} data-testid="checkin-error">
        {error instanceof ApiError && error.status === 409 ? (
          <Alert type="warning" showIcon message={t('course.checkin.notAvailable')} description={conflictMessages(error, tError).join(' ')} />
        ) : (
          <ProblemAlert error={error} onRetry={() => void code.refetch()} />
        )}
      </Space>
    );
  } else if (received) {
    body = (
      <Space direction="vertical" size="large" align="center" style={{ width: '100%' }}>
        <Typography.Text style={{ color: '#cfd8e3', fontSize: 'clamp(18px, 2.4vw, 36px)' }}>
          {t('course.checkin.hint')}
        </Typography.Text>
        <div
          data-testid="checkin-code"
          aria-live="polite"
          style={{
            color: '#fff',
            fontFamily: '"DejaVu Sans Mono", "Noto Sans Mono", Menlo, Consolas, monospace',
            fontWeight: 700,
            fontSize: 'clamp(96px, 19vw, 360px)',
            letterSpacing: '0.12em',
            lineHeight: 1,
            fontVariantNumeric: 'tabular-nums',
            paddingLeft: '0.12em',
          }}
        >
          {received.code.code}
        </div>
        <Space size="large" align="center">
          <Progress
            type="circle"
            size={72}
            percent={percentLeft(left, received.code.window_seconds)}
            format={() => <span style={{ color: '#fff' }}>{formatCountdown(left)}</span>}
            strokeColor="#52c41a"
            trailColor="rgba(255,255,255,0.15)"
            data-testid="checkin-progress"
          />
          <Typography.Text style={{ color: '#cfd8e3', fontSize: 'clamp(16px, 1.8vw, 28px)' }} data-testid="checkin-countdown">
            {t('course.checkin.expiresIn', { time: formatCountdown(left) })}
          </Typography.Text>
        </Space>
        {code.isError && (
          <Typography.Text style={{ color: '#ffccc7' }} data-testid="checkin-refresh-failed">
            {t('course.checkin.refreshFailed', { reason: errorMessage(code.error) })}
          </Typography.Text>
        )}
      </Space>
    );
  }

  return (
    <div
      data-testid="checkin-screen"
      style={{
        minHeight: '100vh',
        background: BACKGROUND,
        color: '#fff',
        display: 'flex',
        flexDirection: 'column',
        padding: '24px 32px',
        boxSizing: 'border-box',
      }}
    >
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 16 }}>
        <Link to={backTo} style={{ color: '#8fb3e0' }} data-testid="checkin-exit">
          <ArrowLeftOutlined /> {t('course.checkin.exit')}
        </Link>
        <Button
          ghost
          icon={<ReloadOutlined />}
          loading={code.isFetching}
          onClick={() => void code.refetch()}
          data-testid="checkin-refresh"
        >
          {t('course.checkin.refresh')}
        </Button>
      </div>
      <div style={{ textAlign: 'center', marginTop: 24 }}>
        <Typography.Title level={1} style={{ color: '#fff', margin: 0, fontSize: 'clamp(28px, 4vw, 64px)' }} data-testid="checkin-course-title">
          {course.data?.detail.course.title ?? ''}
        </Typography.Title>
        {session && (
          <Typography.Text style={{ color: '#cfd8e3', fontSize: 'clamp(18px, 2.4vw, 36px)' }} data-testid="checkin-session">
            {t('course.checkin.session', {
              date: session.date,
              start: hhmm(session.starts_at),
              end: hhmm(session.ends_at),
              venue: session.venue || course.data?.detail.course.venue || '',
            })}
          </Typography.Text>
        )}
      </div>
      <div style={{ flex: 1, display: 'flex', alignItems: 'center', justifyContent: 'center', padding: '24px 0' }}>{body}</div>
      {course.isError && !isNotFoundOnly(course.error) && <ProblemAlert error={course.error} />}
    </div>
  );
}

/** The course's own read failing with 404 says the same as the code's: shown once, by the code. */
function isNotFoundOnly(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}
