import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { CheckinScreenPage } from './checkin-screen-page';
import { detail, fakeApi, json, problem } from './course-fixtures';

const CODE_PATH = '/api/v1/courses/c1/sessions/s1/checkin-code';

function renderScreen() {
  return renderWithProviders(
    <Routes>
      <Route path="/courses/:id/sessions/:sessionId/checkin" element={<CheckinScreenPage />} />
    </Routes>,
    { route: '/courses/c1/sessions/s1/checkin' },
  );
}

/** Serves codes in turn, each expiring `lifetimeMs` after it is handed out. */
function codeApi(codes: string[], lifetimeMs: number) {
  let served = 0;
  return fakeApi((seen) => {
    if (seen.path === '/api/v1/courses/c1') return json(detail({ status: 'running' }), 200, { ETag: '"3"' });
    if (seen.path === CODE_PATH) {
      const code = codes[Math.min(served, codes.length - 1)] ?? '000000';
      served += 1;
      return json({
        session_id: 's1',
        code,
        expires_at: new Date(Date.now() + lifetimeMs).toISOString(),
        window_seconds: 60,
      });
    }
    return undefined;
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('CheckinScreenPage', () => {
  it('shows the code large with the course, the session and a countdown, and refreshes on demand', async () => {
    const seen = codeApi(['123456', '654321'], 45_000);
    renderScreen();
    expect(await screen.findByTestId('checkin-code')).toHaveTextContent(/^123456$/);
    expect(await screen.findByTestId('checkin-course-title')).toHaveTextContent('叉车操作培训');
    expect(await screen.findByTestId('checkin-session')).toHaveTextContent('2099-06-01 19:00–21:00 · 南江县职业中学');
    expect(screen.getByTestId('checkin-countdown')).toHaveTextContent(/0:4[345] 后更换签到码/);
    // No menu: the screen stands alone.
    expect(screen.queryByTestId('side-menu')).not.toBeInTheDocument();

    await userEvent.click(screen.getByTestId('checkin-refresh'));
    await waitFor(() => expect(screen.getByTestId('checkin-code')).toHaveTextContent('654321'));
    expect(seen.filter((entry) => entry.path === CODE_PATH)).toHaveLength(2);
  });

  it('fetches the next code by itself once the one on screen expires', async () => {
    const seen = codeApi(['111111', '222222'], 300);
    renderScreen();
    expect(await screen.findByTestId('checkin-code')).toHaveTextContent('111111');
    // Due 300 ms on, fetched no sooner than 2 s after (never hammering the server).
    await waitFor(() => expect(screen.getByTestId('checkin-code')).toHaveTextContent('222222'), { timeout: 6000 });
    expect(seen.filter((entry) => entry.path === CODE_PATH).length).toBeGreaterThanOrEqual(2);
  });

  it('says plainly when the course takes no check-in', async () => {
    fakeApi((seen) => {
      if (seen.path === '/api/v1/courses/c1') return json(detail({ status: 'draft' }), 200, { ETag: '"3"' });
      if (seen.path === CODE_PATH) return problem(409, 'course_not_actionable', 'no check-in on a draft course');
      return undefined;
    });
    renderScreen();
    expect(await screen.findByTestId('checkin-error')).toHaveTextContent('现在不能签到');
    expect(screen.getByTestId('checkin-error')).toHaveTextContent('no check-in on a draft course');
  });
});
