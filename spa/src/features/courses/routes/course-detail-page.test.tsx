import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CourseDetail, Enrolment, Me } from '@/api/types';
import { renderWithProviders } from '@/test/render';
import { CourseDetailPage } from './course-detail-page';
import { course, detail, enrolment, fakeApi, json, problem, STAFF, type Seen } from './course-fixtures';

interface State {
  detail: CourseDetail;
  enrolments: Enrolment[];
}

/** Answers the reads of course c1 from `state`; `write` handles the rest. */
function courseApi(state: State, write: (seen: Seen) => Response | undefined = () => undefined, me?: Me) {
  return fakeApi((seen) => {
    if (seen.method === 'GET') {
      if (seen.path === '/api/v1/courses/c1') {
        return json(state.detail, 200, { ETag: `"${state.detail.course.version}"` });
      }
      if (seen.path === '/api/v1/courses/c1/enrolments') return json({ items: state.enrolments });
      if (seen.path === '/api/v1/courses/c1/notices') return json({ items: [] });
      if (seen.path === '/api/v1/courses/c1/certificates') return json({ items: [] });
    }
    return write(seen);
  }, me);
}

function renderPage() {
  return renderWithProviders(
    <Routes>
      <Route path="/courses/:id" element={<CourseDetailPage />} />
    </Routes>,
    { route: '/courses/c1' },
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('CourseDetailPage', () => {
  it('shows the facts and, on a draft without sessions, cancel but a blocked publish', async () => {
    courseApi({ detail: detail({ fee_fen: 12050 }, []), enrolments: [] });
    renderPage();
    expect(await screen.findByTestId('course-title-heading')).toHaveTextContent('叉车操作培训');
    expect(screen.getByTestId('course-status')).toHaveTextContent('草稿');
    const facts = screen.getByTestId('course-facts');
    expect(await within(facts).findByText('职业技能')).toBeInTheDocument();
    expect(within(facts).getByText('所有职工')).toBeInTheDocument();
    expect(within(facts).getByTestId('course-fee')).toHaveTextContent('120.50 元');
    expect(within(facts).getByTestId('course-places')).toHaveTextContent('0 / 2');
    expect(screen.getByTestId('course-action-publish')).toBeDisabled();
    expect(screen.getByTestId('course-action-publish-blocked')).toBeInTheDocument();
    expect(screen.getByTestId('course-action-cancel')).toBeInTheDocument();
    expect(screen.queryByTestId('course-action-start')).not.toBeInTheDocument();
    expect(screen.getByText('尚未安排课次')).toBeInTheDocument();
  });

  it('warns when enrolment closed below the minimum and offers nothing to a reader', async () => {
    const adviser: Me = { ...STAFF, id: 'adviser', role: 'legal_adviser', permissions: ['courses:read'] };
    // Without courses:write the server offers nothing.
    courseApi(
      {
        detail: detail({ status: 'open', below_minimum: true, min_places: 10, enrolled_count: 3, allowed_actions: [] }),
        enrolments: [],
      },
      undefined,
      adviser,
    );
    renderPage();
    expect(await screen.findByTestId('below-minimum-warning')).toHaveTextContent('已报名 3 人，不足开班人数（10 人）');
    expect(screen.getByTestId('below-minimum-tag')).toHaveTextContent('不足开班人数');
    expect(screen.queryByTestId('course-action-start')).not.toBeInTheDocument();
    expect(screen.queryByTestId('course-action-cancel')).not.toBeInTheDocument();
    expect(screen.queryByTestId('course-edit')).not.toBeInTheDocument();
    expect(screen.queryByTestId('session-add')).not.toBeInTheDocument();
    expect(await screen.findByTestId('enrolment-counts')).toBeInTheDocument();
    expect(screen.queryByTestId('enrol-open')).not.toBeInTheDocument();
  });

  it('offers exactly the actions the server allows, whatever the status would suggest', async () => {
    // An open course on which the server allows only cancelling (say, a caller out of its organisation).
    courseApi({ detail: detail({ status: 'open', allowed_actions: ['cancel'] }), enrolments: [] });
    renderPage();
    expect(await screen.findByTestId('course-action-cancel')).toBeInTheDocument();
    expect(screen.queryByTestId('course-action-start')).not.toBeInTheDocument();
    expect(screen.queryByTestId('course-action-publish')).not.toBeInTheDocument();
    expect(screen.queryByTestId('course-edit')).not.toBeInTheDocument();
    expect(screen.queryByTestId('session-add')).not.toBeInTheDocument();
    expect(screen.queryByTestId('session-delete')).not.toBeInTheDocument();
    expect(await screen.findByTestId('enrolment-counts')).toBeInTheDocument();
    expect(screen.queryByTestId('enrol-open')).not.toBeInTheDocument();
  });

  it('shows each allowed action: edit, sessions, start and enrol on an open course', async () => {
    courseApi({ detail: detail({ status: 'open' }), enrolments: [] });
    renderPage();
    expect(await screen.findByTestId('course-action-start')).toBeEnabled();
    expect(screen.getByTestId('course-action-cancel')).toBeInTheDocument();
    expect(screen.queryByTestId('course-action-publish')).not.toBeInTheDocument();
    expect(screen.queryByTestId('course-action-finish')).not.toBeInTheDocument();
    expect(screen.getByTestId('course-edit')).toBeInTheDocument();
    expect(screen.getByTestId('session-add')).toBeInTheDocument();
    expect(screen.getByTestId('session-delete')).toBeInTheDocument();
    expect(await screen.findByTestId('enrol-open')).toBeInTheDocument();
  });

  it('says nothing of publishing to a reader of a draft without sessions', async () => {
    const reader: Me = { ...STAFF, id: 'reader', permissions: ['courses:read'] };
    courseApi({ detail: detail({ allowed_actions: [] }, []), enrolments: [] }, undefined, reader);
    renderPage();
    expect(await screen.findByTestId('course-title-heading')).toBeInTheDocument();
    expect(screen.queryByTestId('course-action-publish')).not.toBeInTheDocument();
    expect(screen.queryByTestId('course-action-publish-blocked')).not.toBeInTheDocument();
    expect(screen.queryByTestId('course-action-cancel')).not.toBeInTheDocument();
  });

  it('publishes with If-Match; on 412 reads the course again and says so', async () => {
    const state: State = { detail: detail(), enrolments: [] };
    let posts = 0;
    const seen = courseApi(state, ({ method, path }) => {
      if (method !== 'POST' || path !== '/api/v1/courses/c1/publish') return undefined;
      posts += 1;
      if (posts === 1) {
        state.detail = detail({ version: 4, description: '改过了' });
        return problem(412, 'precondition_failed');
      }
      state.detail = detail({ status: 'open', version: 5 });
      return json(state.detail.course, 200, { ETag: '"5"' });
    });
    renderPage();
    await userEvent.click(await screen.findByTestId('course-action-publish'));
    await userEvent.click(await screen.findByTestId('confirm-publish'));
    expect(await screen.findByText('该课程已被他人修改（或报名人数有变化），已重新加载最新内容，请核对后再操作')).toBeInTheDocument();
    expect(await screen.findByText('改过了')).toBeInTheDocument();

    await userEvent.click(screen.getByTestId('course-action-publish'));
    await userEvent.click(await screen.findByTestId('confirm-publish'));
    await waitFor(() => expect(screen.getByTestId('course-status')).toHaveTextContent('报名中'));
    expect(await screen.findByTestId('course-action-start')).toBeInTheDocument();
    const [first, second] = seen.filter((entry) => entry.method === 'POST');
    expect(first?.headers.get('If-Match')).toBe('"3"');
    expect(second?.headers.get('If-Match')).toBe('"4"');
  });

  it('asks for the reason before cancelling and says who will be told', async () => {
    const state: State = { detail: detail({ status: 'open', enrolled_count: 2 }, undefined, 1), enrolments: [] };
    const seen = courseApi(state, ({ method, path, body }) => {
      if (method !== 'POST' || path !== '/api/v1/courses/c1/cancel') return undefined;
      const { reason } = JSON.parse(body) as { reason: string };
      state.detail = detail({ status: 'cancelled', cancel_reason: reason, version: 4 });
      return json(state.detail.course);
    });
    renderPage();
    await userEvent.click(await screen.findByTestId('course-action-cancel'));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByTestId('cancel-warning')).toHaveTextContent('已报名的 2 人和候补的 1 人都会收到通知');
    await userEvent.click(screen.getByTestId('cancel-course-submit'));
    expect(await within(dialog).findByText('请填写取消原因，它会通知给每一位报名者')).toBeInTheDocument();
    expect(seen.some((entry) => entry.method === 'POST')).toBe(false);

    await userEvent.type(screen.getByTestId('cancel-reason'), '报名人数不足');
    await userEvent.click(screen.getByTestId('cancel-course-submit'));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await screen.findByTestId('cancelled-notice')).toHaveTextContent('课程已取消：报名人数不足');
    const cancel = seen.find((entry) => entry.method === 'POST');
    expect(cancel?.headers.get('If-Match')).toBe('"3"');
    expect(JSON.parse(cancel?.body ?? '{}')).toEqual({ reason: '报名人数不足' });
    expect(screen.queryByTestId('course-action-cancel')).not.toBeInTheDocument();
  });

  it('enrols a worker who is not a member onto the waitlist when the course is full', async () => {
    const state: State = {
      detail: detail({ status: 'full', enrolled_count: 2 }),
      enrolments: [
        enrolment({ id: 'e1', name: '张一', status: 'enrolled', arrival: 1 }),
        enrolment({ id: 'e2', name: '张二', status: 'enrolled', arrival: 2 }),
      ],
    };
    const seen = courseApi(state, ({ method, path, body }) => {
      if (method !== 'POST' || path !== '/api/v1/courses/c1/enrolments') return undefined;
      const { person } = JSON.parse(body) as { person: { name: string } };
      const waiting = enrolment({ id: 'w1', name: person.name, status: 'waitlisted', arrival: 3, waitlist_position: 1 });
      state.enrolments = [...state.enrolments, waiting];
      state.detail = detail({ status: 'full', enrolled_count: 2, version: 4 }, undefined, 1);
      return json(waiting, 201);
    });
    renderPage();
    await userEvent.click(await screen.findByTestId('enrol-open'));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByText('非会员职工'));
    // Pasting rather than typing keeps the test quick; the checks run on every change all the same.
    const paste = async (testId: string, text: string) => {
      await userEvent.click(screen.getByTestId(testId));
      await userEvent.paste(text);
    };
    await paste('enrol-person-name', '王芳');
    // A wrong check character is caught as it is entered; nothing goes out.
    await paste('enrol-person-id-number', '511922199001011231');
    expect(await within(dialog).findByText('身份证号校验位不正确，请核对')).toBeInTheDocument();
    await userEvent.clear(screen.getByTestId('enrol-person-id-number'));
    await paste('enrol-person-id-number', '11010519491231002X');
    expect(await within(dialog).findByText('出生日期 1949-12-31，性别 女')).toBeInTheDocument();
    await paste('enrol-person-mobile', '1390827');
    expect(await within(dialog).findByText('请输入正确的大陆手机号')).toBeInTheDocument();
    await paste('enrol-person-mobile', '0004');
    await waitFor(() => expect(within(dialog).queryByText('请输入正确的大陆手机号')).not.toBeInTheDocument());
    await userEvent.click(screen.getByTestId('enrol-submit'));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await screen.findByText('名额已满：王芳 已进入候补，第 1 位')).toBeInTheDocument();

    const post = seen.find((entry) => entry.method === 'POST');
    expect(JSON.parse(post?.body ?? '{}')).toEqual({
      person: { name: '王芳', id_number: '11010519491231002X', mobile: '13908270004', migrant_worker: false },
    });
    expect(post?.headers.get('Idempotency-Key')).toBeTruthy();
    const rows = within(screen.getByTestId('enrolment-results')).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.textContent)).toEqual([
      expect.stringContaining('第 1 位张一'),
      expect.stringContaining('第 2 位张二'),
      expect.stringContaining('候补第 1 位王芳'),
    ]);
  });

  it('removes an enrolled trainee after confirming and says who moved up', async () => {
    const state: State = {
      detail: detail({ status: 'full', enrolled_count: 2 }, undefined, 1),
      enrolments: [
        enrolment({ id: 'e1', name: '张一', status: 'enrolled', arrival: 1 }),
        enrolment({ id: 'e2', name: '张二', status: 'enrolled', arrival: 2 }),
        enrolment({ id: 'w1', name: '王芳', status: 'waitlisted', arrival: 3, waitlist_position: 1 }),
      ],
    };
    const seen = courseApi(state, ({ method, path }) => {
      if (method !== 'DELETE' || path !== '/api/v1/courses/c1/enrolments/e1') return undefined;
      const removed = enrolment({ id: 'e1', name: '张一', status: 'removed', arrival: 1, left_reason: '工作调动' });
      const promoted = enrolment({ id: 'w1', name: '王芳', status: 'enrolled', arrival: 3 });
      state.enrolments = [state.enrolments[1], promoted, removed];
      state.detail = detail({ status: 'full', enrolled_count: 2, version: 5 });
      return json({ enrolment: removed, promoted: [promoted] });
    });
    renderPage();
    const results = await screen.findByTestId('enrolment-results');
    const first = await within(results).findByText('张一');
    const row = first.closest('tr');
    if (!row) throw new Error('no row');
    await userEvent.click(within(row).getByTestId('enrolment-remove'));
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('名额立即转给候补第 1 位');
    await userEvent.type(screen.getByTestId('remove-reason'), '工作调动');
    await userEvent.click(screen.getByTestId('remove-submit'));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await screen.findByTestId('promoted-alert')).toHaveTextContent('候补的 王芳 已转为正式报名');
    const del = seen.find((entry) => entry.method === 'DELETE');
    expect(new URLSearchParams(del?.search).get('reason')).toBe('工作调动');
    await waitFor(() =>
      expect(within(screen.getByTestId('enrolment-results')).getAllByRole('row').slice(1).map((r) => r.textContent)).toEqual([
        expect.stringContaining('第 1 位张二'),
        expect.stringContaining('第 2 位王芳'),
        expect.stringContaining('张一'),
      ]),
    );
    expect(screen.getByText('原因：工作调动')).toBeInTheDocument();
  });

  it('finishes a running course and shows the certificates issued', async () => {
    const state: State = { detail: detail({ status: 'running', enrolled_count: 1 }), enrolments: [] };
    courseApi(state, ({ method, path }) => {
      if (method !== 'POST' || path !== '/api/v1/courses/c1/finish') return undefined;
      state.detail = detail({ status: 'finished', enrolled_count: 1, version: 4 });
      const certificate = {
        id: 'x1',
        code: 'GHC-7K3M-Q9TX-2RVA',
        course_id: 'c1',
        enrolment_id: 'e1',
        holder_name: '张一',
        issued_on: '2099-06-02',
        status: 'valid',
      };
      return json({ course: course({ status: 'finished', version: 4 }), sessions: 1, enrolled: 1, certificates: [certificate] });
    });
    renderPage();
    await userEvent.click(await screen.findByTestId('course-action-finish'));
    await userEvent.click(await screen.findByTestId('confirm-finish'));
    expect(await screen.findByTestId('finished-summary')).toHaveTextContent('共 1 个课次，1 人在册，颁发证书 1 张');
    await waitFor(() => expect(screen.getByTestId('course-status')).toHaveTextContent('已结业'));
    expect(screen.getByRole('tab', { name: '证书', selected: true })).toBeInTheDocument();
  });
});
