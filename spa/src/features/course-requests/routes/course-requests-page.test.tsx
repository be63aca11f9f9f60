import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CourseRequest, Me } from '@/api/types';
import { renderWithProviders } from '@/test/render';
import { CourseRequestsPage } from './course-requests-page';

const MEMBER: Me = {
  id: 'acc-member',
  username: 'nanjiang-member',
  display_name: '赵强',
  role: 'member',
  organisation_id: 'o-union',
  organisation_name: '四川光雾山米业有限公司工会',
  permissions: ['organisations:read', 'self:membership'],
};

const STAFF: Me = {
  id: 'acc-staff',
  username: 'nanjiang-staff',
  display_name: '张明',
  role: 'federation_staff',
  organisation_id: 'o-nanjiang',
  organisation_name: '南江县总工会',
  permissions: ['organisations:read', 'courses:read', 'courses:write'],
};

const CODE_LISTS = {
  items: [
    {
      name: 'course-categories',
      description: 'Category',
      items: [
        { code: 'vocational', zh: '职业技能', en: 'Vocational skills' },
        { code: 'driving', zh: '驾驶培训', en: 'Driving' },
      ],
    },
    {
      name: 'course-eligibilities',
      description: 'Who',
      items: [
        { code: 'subtree_members', zh: '本级及下属工会会员', en: 'Members' },
        { code: 'anyone', zh: '所有职工', en: 'Anyone' },
      ],
    },
  ],
};

function request(id: string, extra: Partial<CourseRequest> = {}): CourseRequest {
  return {
    id,
    organisation_id: 'o-nanjiang',
    category: 'vocational',
    topic: '电工证培训',
    division: '511922',
    preferred_times: '周末',
    status: 'open',
    supporters: 1,
    supported_by_me: false,
    course_id: null,
    created_at: '2026-11-01T00:00:00Z',
    version: 1,
    ...extra,
  };
}

function json(body: unknown, status = 200) {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

function problem(status: number, code: string, detail = 'x', errors?: unknown[]) {
  return json({ type: 'about:blank', title: 'x', status, code, detail, request_id: 'r1', errors }, status);
}

interface Seen {
  method: string;
  path: string;
  search: string;
  headers: Headers;
  body: string;
}

/** A fake API around a board of requests; writes go to `write`. */
function fakeApi(world: { me: Me; board: CourseRequest[]; write?: (seen: Seen) => Response }) {
  const seen: Seen[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (req: Request) => {
      const url = new URL(req.url);
      const entry = { method: req.method, path: url.pathname, search: url.search, headers: req.headers, body: await req.text() };
      seen.push(entry);
      if (req.method !== 'GET') return world.write?.(entry) ?? json({}, 500);
      switch (url.pathname) {
        case '/api/v1/me':
          return json(world.me);
        case '/api/v1/code-lists':
          return json(CODE_LISTS);
        case '/api/v1/organisations':
          return json({ items: [], next_cursor: null });
        case '/api/v1/course-requests':
          return json({ items: world.board, next_cursor: null });
        default:
          return json({}, 500);
      }
    }),
  );
  return seen;
}

function renderBoard(route = '/course-requests', locale?: 'en') {
  return renderWithProviders(
    <Routes>
      <Route path="/course-requests" element={<CourseRequestsPage />} />
      <Route path="/courses/:id" element={<div data-testid="course-page">course page</div>} />
    </Routes>,
    { route, locale },
  );
}

function row(topic: string) {
  const found = screen.getAllByTestId('course-request-row').find((el) => el.getAttribute('data-topic') === topic);
  if (!found) throw new Error(`no row ${topic}`);
  return found;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('CourseRequestsPage', () => {
  it('ranks the board and lets a worker support a request once (+1)', async () => {
    const board = [
      request('r1', { supporters: 3, supported_by_me: true, topic: '电工证培训' }),
      request('r2', { supporters: 1, topic: '叉车证', category: 'driving', preferred_times: null }),
    ];
    const seen = fakeApi({
      me: MEMBER,
      board,
      write: ({ method, path }) =>
        method === 'POST' && path === '/api/v1/course-requests/r2/support'
          ? json({ ...board[1], supporters: 2, supported_by_me: true })
          : json({}, 500),
    });
    renderBoard();

    expect(await screen.findByText('电工证培训')).toBeInTheDocument();
    const first = row('电工证培训');
    expect(within(first).getByTestId('course-request-supporters')).toHaveTextContent('3');
    expect(within(first).getByTestId('course-request-support')).toBeDisabled();
    expect(within(first).getByText('已支持')).toBeInTheDocument();
    expect(within(first).getByText('职业技能')).toBeInTheDocument();
    expect(within(first).getByText('地点：511922')).toBeInTheDocument();
    // A worker files but does not schedule.
    expect(screen.getByTestId('course-request-create')).toBeInTheDocument();
    expect(screen.queryByTestId('course-request-schedule')).not.toBeInTheDocument();

    const second = row('叉车证');
    await userEvent.click(within(second).getByTestId('course-request-support'));
    await waitFor(() => expect(within(row('叉车证')).getByTestId('course-request-supporters')).toHaveTextContent('2'));
    expect(within(row('叉车证')).getByTestId('course-request-support')).toBeDisabled();
    expect(seen.filter((s) => s.method === 'POST')).toHaveLength(1);
    // The default board asks for open requests (no status sent).
    expect(seen.find((s) => s.path === '/api/v1/course-requests')?.search).toBe('?limit=20');
  });

  it('marks a request supported when the server says it is already', async () => {
    fakeApi({
      me: MEMBER,
      board: [request('r1')],
      write: () => problem(409, 'course_request_supported', 'you support this request already'),
    });
    renderBoard();
    await userEvent.click(await screen.findByTestId('course-request-support'));
    await waitFor(() => expect(screen.getByTestId('course-request-support')).toBeDisabled());
    expect(await screen.findByText('您已经支持过这个需求')).toBeInTheDocument();
  });

  it('files a request: checks the division, sends a clean body, and offers the existing request on a duplicate', async () => {
    const world = { me: MEMBER, board: [request('r1', { supported_by_me: false })], write: undefined as ((s: Seen) => Response) | undefined };
    let filed = 0;
    world.write = ({ method, path, body }) => {
      if (method === 'POST' && path === '/api/v1/course-requests') {
        filed += 1;
        const sent = JSON.parse(body) as { topic: string };
        if (sent.topic === '电工证培训') {
          return problem(409, 'course_request_exists', "an open request '电工证培训' exists (id r1): support it instead");
        }
        return json(request('r9', { topic: sent.topic, supported_by_me: true }), 201);
      }
      if (method === 'POST' && path === '/api/v1/course-requests/r1/support') {
        return json(request('r1', { supporters: 2, supported_by_me: true }));
      }
      return json({}, 500);
    };
    const seen = fakeApi(world);
    renderBoard();
    await userEvent.click(await screen.findByTestId('course-request-create'));
    let dialog = await screen.findByRole('dialog');

    fireEvent.change(within(dialog).getByTestId('course-request-topic'), { target: { value: '  无人机驾驶培训 ' } });
    fireEvent.change(within(dialog).getByTestId('course-request-division'), { target: { value: '5119' } });
    await userEvent.click(screen.getByTestId('course-request-submit'));
    expect(await within(dialog).findByText('请填写 6 位数字的行政区划代码')).toBeInTheDocument();
    expect(filed).toBe(0);

    fireEvent.change(within(dialog).getByTestId('course-request-division'), { target: { value: '511 922' } });
    fireEvent.change(within(dialog).getByTestId('course-request-preferred-times'), { target: { value: '周末' } });
    await userEvent.click(screen.getByTestId('course-request-submit'));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await screen.findByText('已提交点菜需求“无人机驾驶培训”')).toBeInTheDocument();
    const post = seen.find((s) => s.method === 'POST' && s.path === '/api/v1/course-requests');
    expect(JSON.parse(post?.body ?? '')).toEqual({ category: null, topic: '无人机驾驶培训', division: '511922', preferred_times: '周末' });
    expect(post?.headers.get('Idempotency-Key')).toBeTruthy();

    // The same topic again: refused, naming the open request, which the worker may support instead.
    await userEvent.click(screen.getByTestId('course-request-create'));
    dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByTestId('course-request-topic'), { target: { value: '电工证培训' } });
    fireEvent.change(within(dialog).getByTestId('course-request-division'), { target: { value: '511922' } });
    await userEvent.click(screen.getByTestId('course-request-submit'));
    expect(await within(dialog).findByText('已有相同的点菜需求，请为它点赞支持')).toBeInTheDocument();
    expect(within(dialog).getByText('现有需求：“电工证培训”')).toBeInTheDocument();
    await userEvent.click(within(dialog).getByTestId('course-request-support-existing'));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(seen.some((s) => s.method === 'POST' && s.path === '/api/v1/course-requests/r1/support')).toBe(true);
  });

  it('lets staff schedule an open request as a course prefilled from it, then opens the course', async () => {
    const seen = fakeApi({
      me: STAFF,
      board: [request('r1', { topic: '电工证培训', supporters: 5 }), request('r2', { status: 'scheduled', course_id: 'c7', topic: '月嫂' })],
      write: ({ method, path, body }) => {
        if (method === 'POST' && path === '/api/v1/course-requests/r1/course') {
          const sent = JSON.parse(body) as { title: string };
          return json({ id: 'c9', title: sent.title }, 201);
        }
        return json({}, 500);
      },
    });
    renderBoard();
    // A scheduled request links to its course; only open ones are scheduled.
    expect(await within(await screen.findByTestId('course-request-list')).findByText('月嫂')).toBeInTheDocument();
    expect(within(row('月嫂')).getByTestId('course-request-course-link')).toHaveAttribute('href', '/courses/c7');
    expect(within(row('月嫂')).queryByTestId('course-request-schedule')).not.toBeInTheDocument();

    await userEvent.click(within(row('电工证培训')).getByTestId('course-request-schedule'));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByTestId('schedule-title')).toHaveValue('电工证培训');
    expect(within(dialog).getByTestId('schedule-venue-division')).toHaveValue('511922');
    expect(within(dialog).getByText(/5 人支持/)).toBeInTheDocument();

    await userEvent.click(screen.getByTestId('schedule-submit'));
    expect(await within(dialog).findByText('请填写上课地点')).toBeInTheDocument();
    fireEvent.change(within(dialog).getByTestId('schedule-venue'), { target: { value: '南江县新市民学校' } });
    fireEvent.change(within(dialog).getByTestId('schedule-venue-address'), { target: { value: '南江县南江镇' } });
    await userEvent.click(screen.getByTestId('schedule-submit'));

    expect(await screen.findByTestId('course-page')).toBeInTheDocument();
    const post = seen.find((s) => s.method === 'POST');
    const body = JSON.parse(post?.body ?? '') as Record<string, unknown>;
    expect(body).toMatchObject({
      organisation_id: 'o-nanjiang',
      title: '电工证培训',
      category: 'vocational',
      venue: '南江县新市民学校',
      venue_address: '南江县南江镇',
      venue_division: '511922',
      max_places: 30,
      fee_fen: 0,
      eligibility: 'subtree_members',
    });
    expect(typeof body.enrol_opens_at).toBe('string');
    expect(post?.headers.get('Idempotency-Key')).toBeTruthy();
  });

  it('takes its filters from the address, in English too', async () => {
    const seen = fakeApi({ me: STAFF, board: [] });
    renderBoard('/course-requests?status=all&category=driving&division=5119', 'en');
    expect(await screen.findByText('No course requests')).toBeInTheDocument();
    const list = seen.find((s) => s.path === '/api/v1/course-requests');
    const query = new URLSearchParams(list?.search);
    expect([query.get('status'), query.get('category'), query.get('division')]).toEqual(['all', 'driving', '5119']);
  });
});
