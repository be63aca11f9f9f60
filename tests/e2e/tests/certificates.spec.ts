//! Public certificate verification (证书查验): a course of 南江县总工会 is run to the end through the API as
//! nanjiang-staff (one session, a non-member trainee marked present, started and finished), and the code of
//! the certificate it issues is checked in a browser that never logs in, on a phone-sized screen: typed in
//! lower case it shows the masked holder and 有效; revoked through the API it shows 已撤销 on reload; an
//! unknown code is not found.
import { expect, test } from '@playwright/test';
import { apiToken, env, freshIdNumber } from './helpers';

const HOLDER = '欧阳娜娜';
const MASKED = '欧**娜';

interface Reply<T> {
  status: number;
  body: T;
  etag: string | null;
}

/** A JSON call to the API as someone (or nobody); fails the test on an unexpected status. */
async function call<T>(
  method: string,
  path: string,
  auth: Record<string, string>,
  body?: unknown,
  headers: Record<string, string> = {},
  expected = [200, 201],
): Promise<Reply<T>> {
  const response = await fetch(`${env('GONGHUI_E2E_BASE_URL')}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...auth, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!expected.includes(response.status)) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T, etag: response.headers.get('ETag') };
}

/** A date in Beijing `days` from today (session dates are Beijing dates). */
function beijingDate(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString();
}

/** Runs a course to its end and returns the code of the one certificate it issues. */
async function issueCertificate(staff: Record<string, string>): Promise<string> {
  const orgs = await call<{ items: { id: string; name: string }[] }>(
    'GET',
    `/api/v1/organisations?q=${encodeURIComponent('南江县总工会')}&limit=10`,
    staff,
  );
  const owner = orgs.body.items.find((org) => org.name === '南江县总工会');
  if (!owner) throw new Error('the demo data has no 南江县总工会');

  const course = await call<{ id: string }>('POST', '/api/v1/courses', staff, {
    organisation_id: owner.id,
    title: '电工上岗证培训班（证书查验）',
    category: 'vocational',
    venue: '南江县新市民学校',
    venue_address: '四川省巴中市南江县南江镇',
    venue_division: '511922',
    max_places: 10,
    enrol_opens_at: inDays(-1),
    enrol_closes_at: inDays(7),
    eligibility: 'anyone',
    completion_percent: 50,
  });
  const cid = course.body.id;
  await call('POST', `/api/v1/courses/${cid}/sessions`, staff, {
    date: beijingDate(10),
    starts_at: '19:00',
    ends_at: '21:00',
    teacher: '王老师',
  });
  const detail = await call<{ sessions: { id: string }[] }>('GET', `/api/v1/courses/${cid}`, staff);
  const sessionId = detail.body.sessions[0]?.id;
  if (!sessionId || !detail.etag) throw new Error('no session or ETag on the course');
  await call('POST', `/api/v1/courses/${cid}/publish`, staff, {}, { 'If-Match': detail.etag });

  const enrolment = await call<{ id: string; status: string }>('POST', `/api/v1/courses/${cid}/enrolments`, staff, {
    person: { name: HOLDER, id_number: freshIdNumber(1992), mobile: '13700000042', migrant_worker: true },
  });
  expect(enrolment.body.status).toBe('enrolled');
  await call('PUT', `/api/v1/courses/${cid}/sessions/${sessionId}/attendance/${enrolment.body.id}`, staff, { status: 'present' });

  // Enrolling changed the course (its count): start from what it is now.
  const current = await call('GET', `/api/v1/courses/${cid}`, staff);
  const started = await call('POST', `/api/v1/courses/${cid}/start`, staff, {}, { 'If-Match': current.etag ?? '' });
  const finished = await call<{ certificates: { code: string; holder_name: string }[] }>(
    'POST',
    `/api/v1/courses/${cid}/finish`,
    staff,
    {},
    { 'If-Match': started.etag ?? '' },
  );
  const certificate = finished.body.certificates[0];
  expect(finished.body.certificates).toHaveLength(1);
  expect(certificate?.holder_name).toBe(HOLDER);
  if (!certificate) throw new Error('no certificate issued');
  return certificate.code;
}

// An employer checks on their phone.
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test('anyone verifies a certificate without logging in: valid, then revoked; an unknown code is not found', async ({ page }) => {
  const staff = await apiToken(env('GONGHUI_E2E_BASE_URL'), 'nanjiang-staff');
  const code = await issueCertificate(staff);
  expect(code).toMatch(/^GHC-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

  // The login page leads there; nobody is signed in and nobody is sent to log in.
  await page.goto('/login');
  await page.getByTestId('login-verify-link').click();
  await expect(page).toHaveURL(/\/verify$/);
  await expect(page.getByRole('heading', { name: /证书查验/ })).toBeVisible();

  await page.getByTestId('verify-code-input').fill(code.toLowerCase());
  await page.getByTestId('verify-submit').click();
  await expect(page).toHaveURL(new RegExp(`/verify/${code}$`));
  await expect(page.getByTestId('verify-status')).toHaveText('有效');
  await expect(page.getByTestId('verify-holder')).toHaveText(MASKED);
  await expect(page.getByTestId('verify-course')).toHaveText('电工上岗证培训班（证书查验）');
  await expect(page.getByTestId('verify-organisation')).toHaveText('南江县总工会');
  await expect(page.getByTestId('verify-issued-on')).toHaveText(beijingDate(0));
  await expect(page.getByText(HOLDER)).toHaveCount(0);
  // Nothing sticks out sideways on the phone.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  // Revoked by the federation: the same address now says so.
  await call('POST', `/api/v1/certificates/${code}/revoke`, staff, { reason: '冒名顶替' });
  await page.reload();
  await expect(page.getByTestId('verify-status')).toHaveText('已撤销');
  await expect(page.getByTestId('verify-holder')).toHaveText(MASKED);

  // A code nobody issued.
  await page.getByTestId('verify-code-input').fill('ghc-0000-0000-0000');
  await page.getByTestId('verify-submit').click();
  await expect(page.getByTestId('verify-not-found')).toHaveText('未找到该证书');
  await expect(page.getByTestId('verify-result')).toHaveCount(0);

  // In English too.
  await page.goto(`/verify/${code}`);
  await page.getByTestId('language-switch').getByText('English').click();
  await expect(page.getByTestId('verify-status')).toHaveText('Revoked');
});
