import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Course, CourseSession, Enrolment, OwnEnrolment, OwnNotice } from '@/api/types';
import { renderWithProviders } from '@/test/render';
import { MyCoursesPage } from './my-courses-page';

const CODE_LISTS = {
  items: [
    {
      name: 'course-statuses',
      description: 'Status',
      items: [
        { code: 'open', zh: '报名中', en: 'Open' },
        { code: 'full', zh: '已满员', en: 'Full' },
        { code: 'running', zh: '进行中', en: 'Running' },
      ],
    },
    { name: 'course-categories', description: 'Category', items: [{ code: 'maternity_care', zh: '母婴护理（月嫂）', en: 'Maternity care' }] },
    { name: 'course-eligibilities', description: 'Who', items: [{ code: 'anyone', zh: '所有职工', en: 'Anyone' }] },
    {
      name: 'enrolment-statuses',
      description: 'Enrolment',
      items: [
        { code: 'enrolled', zh: '已报名', en: 'Enrolled' },
        { code: 'waitlisted', zh: '候补', en: 'Waitlisted' },
        { code: 'withdrawn', zh: '已退出', en: 'Withdrawn' },
      ],
    },
    {
      name: 'attendance-statuses',
      description: 'Attendance',
      items: [
        { code: 'present', zh: '出勤', en: 'Present' },
        { code: 'late', zh: '迟到', en: 'Late' },
      ],
    },
  ],
};

const DAY = 24 * 3600 * 1000;

function course(id: string, extra: Partial<Course> = {}): Course {
  return {
    id,
    organisation_id: 'o-nanjiang',
    organisation_name: '南江县总工会',
    title: `课程${id}`,
    category: 'maternity_care',
    description: '新市民学校',
    venue: '南江县新市民学校',
    venue_address: '南江镇',
    venue_division: '511922',
    fee_fen: 0,
    min_places: 0,
    max_places: 10,
    enrolled_count: 3,
    enrol_opens_at: new Date(Date.now() - DAY).toISOString(),
    enrol_closes_at: new Date(Date.now() + 7 * DAY).toISOString(),
    eligibility: 'anyone',
    completion_percent: 80,
    status: 'open',
    below_minimum: false,
    created_at: '2026-11-01T00:00:00Z',
    version: 1,
    // A worker has no courses:write: the server offers no staff action.
    allowed_actions: [],
    ...extra,
  };
}

function enrolment(id: string, courseId: string, extra: Partial<Enrolment> = {}): Enrolment {
  return {
    id,
    course_id: courseId,
    member_id: 'm1',
    name: '赵强',
    id_number: '5119**********1357',
    migrant_worker: false,
    status: 'enrolled',
    arrival: 1,
    enrolled_at: '2026-11-20T01:00:00Z',
    created_at: '2026-11-20T01:00:00Z',
    // The worker may withdraw while enrolled or waiting, before the course begins.
    allowed_actions: extra.status === undefined || extra.status === 'enrolled' || extra.status === 'waitlisted' ? ['withdraw'] : [],
    ...extra,
  };
}

function json(body: unknown, status = 200) {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

function problem(status: number, code: string, errors?: unknown[]) {
  return json({ type: 'about:blank', title: 'x', status, code, detail: 'x', request_id: 'r1', errors }, status);
}

interface Seen {
  method: string;
  path: string;
  body: string;
}

interface World {
  linked: boolean;
  courses: Course[];
  enrolments: OwnEnrolment[];
  notices: OwnNotice[];
  sessions: CourseSession[];
  write?: (seen: Seen) => Response;
}

function fakeApi(world: World) {
  const seen: Seen[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (req: Request) => {
      const path = new URL(req.url).pathname;
      const entry = { method: req.method, path, body: await req.text() };
      seen.push(entry);
      if (req.method !== 'GET') return world.write?.(entry) ?? json({}, 500);
      if (path === '/api/v1/code-lists') return json(CODE_LISTS);
      if (path === '/api/v1/me/member') return world.linked ? json({ id: 'm1', version: 1 }) : problem(404, 'member_not_linked');
      if (path === '/api/v1/me/courses') return json({ items: world.courses, next_cursor: null });
      if (path === '/api/v1/me/enrolments') return json({ items: world.enrolments });
      if (path === '/api/v1/me/notices') return json({ items: world.notices });
      const one = /^\/api\/v1\/me\/courses\/(.+)$/.exec(path);
      if (one) {
        const found = world.courses.find((c) => c.id === one[1]);
        return found ? json({ course: found, sessions: world.sessions, waitlisted_count: 0 }) : problem(404, 'not_found');
      }
      return json({}, 500);
    }),
  );
  return seen;
}

function item(testId: string, title: string) {
  const found = screen.getAllByTestId(testId).find((el) => el.getAttribute('data-title') === title);
  if (!found) throw new Error(`no ${testId} ${title}`);
  return found;
}

/** The OK button of the open Popconfirm. */
async function confirmPopup() {
  const ok = await waitFor(() => {
    const open = document.querySelectorAll<HTMLButtonElement>(
      '.ant-popconfirm:not(.ant-popover-hidden) .ant-popconfirm-buttons .ant-btn-primary',
    );
    const button = open[open.length - 1];
    if (!button) throw new Error('no popconfirm');
    return button;
  });
  await userEvent.click(ok);
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('MyCoursesPage', () => {
  it('enrols a linked member with an empty body and says whether it is a place or the waitlist', async () => {
    const world: World = {
      linked: true,
      courses: [course('c1', { title: '月嫂培训班' }), course('c2', { title: '电工证培训班', status: 'full', enrolled_count: 10 })],
      enrolments: [],
      notices: [],
      sessions: [],
    };
    world.write = ({ method, path }) => {
      const m = /^\/api\/v1\/courses\/(c\d)\/enrolments$/.exec(path);
      if (method !== 'POST' || !m?.[1]) return json({}, 500);
      const e =
        m[1] === 'c1'
          ? enrolment('e1', 'c1')
          : enrolment('e2', 'c2', { status: 'waitlisted', waitlist_position: 2, enrolled_at: null });
      world.enrolments.unshift({ enrolment: e, course_title: m[1] === 'c1' ? '月嫂培训班' : '电工证培训班' });
      return json(e, 201);
    };
    const seen = fakeApi(world);
    renderWithProviders(<MyCoursesPage />, { route: '/me/courses' });

    const first = await screen.findByText('月嫂培训班');
    expect(first).toBeInTheDocument();
    expect(within(item('my-course', '月嫂培训班')).getByTestId('my-course-places')).toHaveTextContent('名额：已报 3 / 10（剩余 7）');
    expect(within(item('my-course', '月嫂培训班')).getByText('免费')).toBeInTheDocument();

    await userEvent.click(within(item('my-course', '月嫂培训班')).getByTestId('my-course-enrol'));
    await confirmPopup();
    expect(await within(item('my-course', '月嫂培训班')).findByText('报名成功，您已获得名额。')).toBeInTheDocument();
    await waitFor(() => expect(within(item('my-course', '月嫂培训班')).getByTestId('my-course-state')).toHaveTextContent('已报名'));

    // A full course takes the worker onto the waitlist, with the position.
    const full = item('my-course', '电工证培训班');
    expect(within(full).getByTestId('my-course-enrol')).toHaveTextContent('候补报名');
    await userEvent.click(within(full).getByTestId('my-course-enrol'));
    await confirmPopup();
    expect(await within(item('my-course', '电工证培训班')).findByText(/您已进入候补名单，目前排第 2 位/)).toBeInTheDocument();
    await waitFor(() => expect(within(item('my-course', '电工证培训班')).getByTestId('my-course-state')).toHaveTextContent('候补第 2 位'));

    const posts = seen.filter((s) => s.method === 'POST');
    expect(posts.map((p) => [p.path, JSON.parse(p.body) as unknown])).toEqual([
      ['/api/v1/courses/c1/enrolments', {}],
      ['/api/v1/courses/c2/enrolments', {}],
    ]);
  });

  it('explains a refusal in the worker’s words and holds back what cannot be enrolled on', async () => {
    fakeApi({
      linked: true,
      courses: [
        course('c1', { title: '月嫂培训班' }),
        course('c3', { title: '未开始', enrol_opens_at: new Date(Date.now() + DAY).toISOString() }),
        course('c4', { title: '已开课', status: 'running' }),
      ],
      enrolments: [],
      notices: [],
      sessions: [],
      write: () => problem(409, 'course_not_eligible'),
    });
    renderWithProviders(<MyCoursesPage />, { route: '/me/courses' });
    await screen.findByText('月嫂培训班');
    expect(within(item('my-course', '未开始')).getByTestId('my-course-enrol')).toBeDisabled();
    expect(within(item('my-course', '未开始')).getByTestId('my-course-enrol')).toHaveTextContent('报名未开始');
    expect(within(item('my-course', '已开课')).getByTestId('my-course-enrol')).toHaveTextContent('已开课');

    await userEvent.click(within(item('my-course', '月嫂培训班')).getByTestId('my-course-enrol'));
    await confirmPopup();
    expect(await within(item('my-course', '月嫂培训班')).findByText('您不符合本课程的报名条件')).toBeInTheDocument();
  });

  it('withdraws before the start and shows course_started after it', async () => {
    const world: World = {
      linked: true,
      courses: [],
      enrolments: [
        { enrolment: enrolment('e1', 'c1'), course_title: '月嫂培训班' },
        { enrolment: enrolment('e2', 'c2', { status: 'waitlisted', waitlist_position: 1, enrolled_at: null }), course_title: '电工证培训班' },
      ],
      notices: [],
      sessions: [],
    };
    world.write = ({ method, path }) => {
      if (method === 'DELETE' && path === '/api/v1/courses/c1/enrolments/e1') return problem(409, 'course_started');
      if (method === 'DELETE' && path === '/api/v1/courses/c2/enrolments/e2') {
        const withdrawn = enrolment('e2', 'c2', { status: 'withdrawn', left_at: '2026-11-21T01:00:00Z' });
        world.enrolments[1] = { enrolment: withdrawn, course_title: '电工证培训班' };
        return json({ enrolment: withdrawn, promoted: [] });
      }
      return json({}, 500);
    };
    fakeApi(world);
    renderWithProviders(<MyCoursesPage />, { route: '/me/courses?tab=enrolments' });

    const waitlisted = await waitFor(() => item('my-enrolment', '电工证培训班'));
    expect(within(waitlisted).getByTestId('my-enrolment-position')).toHaveTextContent('候补第 1 位');
    expect(within(waitlisted).queryByTestId('my-checkin')).not.toBeInTheDocument();

    await userEvent.click(within(item('my-enrolment', '月嫂培训班')).getByTestId('my-withdraw'));
    await confirmPopup();
    expect(await within(item('my-enrolment', '月嫂培训班')).findByText('课程已开课，不能再退出报名')).toBeInTheDocument();

    await userEvent.click(within(item('my-enrolment', '电工证培训班')).getByTestId('my-withdraw'));
    await confirmPopup();
    await waitFor(() => expect(within(item('my-enrolment', '电工证培训班')).getByTestId('my-enrolment-status')).toHaveTextContent('已退出'));
    expect(within(item('my-enrolment', '电工证培训班')).queryByTestId('my-withdraw')).not.toBeInTheDocument();
  });

  it('checks in with the code on the screen, today’s session offered first', async () => {
    const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
    const world: World = {
      linked: true,
      courses: [course('c1', { title: '月嫂培训班', status: 'running' })],
      enrolments: [{ enrolment: enrolment('e1', 'c1'), course_title: '月嫂培训班' }],
      notices: [],
      sessions: [
        { id: 's0', date: '2020-01-01', starts_at: '19:00:00', ends_at: '21:00:00', teacher: '李老师' },
        { id: 's1', date: today, starts_at: '19:00:00', ends_at: '21:00:00', teacher: '王老师' },
      ],
    };
    world.write = ({ method, path, body }) => {
      if (method !== 'POST' || path !== '/api/v1/courses/c1/sessions/s1/checkin') return json({}, 500);
      const { code } = JSON.parse(body) as { code: string };
      if (code !== '246810') return problem(422, 'validation_failed', [{ field: 'code', code: 'invalid_value', message: 'wrong' }]);
      return json({ session_id: 's1', enrolment_id: 'e1', status: 'present', method: 'code', recorded_at: '2026-11-21T11:00:00Z' });
    };
    const seen = fakeApi(world);
    renderWithProviders(<MyCoursesPage />, { route: '/me/courses?tab=enrolments' });

    await userEvent.click(await screen.findByTestId('my-checkin'));
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByText(`${today} 19:00–21:00（王老师）`)).toBeInTheDocument();

    const code = within(dialog).getByTestId('my-checkin-code');
    fireEvent.change(code, { target: { value: '12' } });
    await userEvent.click(screen.getByTestId('my-checkin-submit'));
    expect(await within(dialog).findByText('签到码为 6 位数字')).toBeInTheDocument();

    fireEvent.change(code, { target: { value: '111 111' } });
    await userEvent.click(screen.getByTestId('my-checkin-submit'));
    expect(await within(dialog).findByText('签到码不正确或已过期，请输入屏幕上当前显示的签到码')).toBeInTheDocument();

    fireEvent.change(code, { target: { value: '２４６８１０' } });
    await userEvent.click(screen.getByTestId('my-checkin-submit'));
    expect(await within(dialog).findByTestId('my-checkin-result')).toHaveTextContent('签到成功：出勤');
    const posts = seen.filter((s) => s.method === 'POST').map((s) => JSON.parse(s.body) as unknown);
    expect(posts).toEqual([{ code: '111111' }, { code: '246810' }]);
  });

  it('lists the worker’s notices, in English too', async () => {
    fakeApi({
      linked: true,
      courses: [],
      enrolments: [],
      notices: [
        { id: 'n1', kind: 'waitlist_promoted', course_id: 'c1', message: '好消息：您已从候补转为正式报名《月嫂培训班》。', created_at: '2026-11-21T01:00:00Z' },
      ],
      sessions: [],
    });
    renderWithProviders(<MyCoursesPage />, { route: '/me/courses?tab=notices', locale: 'en' });
    expect(await screen.findByText('好消息：您已从候补转为正式报名《月嫂培训班》。')).toBeInTheDocument();
    expect(screen.getByText('Off the waitlist')).toBeInTheDocument();
    expect(screen.getByText('My notices')).toBeInTheDocument();
  });

  it('asks an account without a member record for its details and sends them as the person', async () => {
    const seen = fakeApi({
      linked: false,
      courses: [course('c1', { title: '月嫂培训班' })],
      enrolments: [],
      notices: [],
      sessions: [],
      write: ({ method }) => (method === 'POST' ? json(enrolment('e1', 'c1', { member_id: null }), 201) : json({}, 500)),
    });
    renderWithProviders(<MyCoursesPage />, { route: '/me/courses' });
    expect(await screen.findByText('您的账号尚未关联会员信息，报名时需要填写本人信息。')).toBeInTheDocument();
    await userEvent.click(within(item('my-course', '月嫂培训班')).getByTestId('my-course-enrol'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByTestId('my-person-name'), { target: { value: '李四' } });
    fireEvent.change(within(dialog).getByTestId('my-person-id-number'), { target: { value: '511922199001010012' } });
    await userEvent.click(screen.getByTestId('my-person-submit'));
    expect(await within(dialog).findByText('身份证号校验位不正确，请核对')).toBeInTheDocument();
    fireEvent.change(within(dialog).getByTestId('my-person-id-number'), { target: { value: '5119 2219 9001 0100 16' } });
    await userEvent.click(screen.getByTestId('my-person-submit'));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await screen.findByText('报名成功，您已获得名额。')).toBeInTheDocument();
    const post = seen.find((s) => s.method === 'POST');
    expect(JSON.parse(post?.body ?? '')).toEqual({
      person: { name: '李四', id_number: '511922199001010016', mobile: null, migrant_worker: false },
    });
  });
});
