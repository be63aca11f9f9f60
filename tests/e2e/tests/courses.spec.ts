//! Training courses, staff side: the federation staff of 南江县总工会 create a course with two places open to
//! all workers, schedule a session and publish it; they enrol three workers who are not members, the third
//! lands on the waitlist at position 1, and removing an enrolled trainee moves the waitlisted one up. The
//! session's check-in screen shows a six-digit code, full screen.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { freshIdNumber, login } from './helpers';

const TITLE = '叉车操作培训班（E2E）';

async function openCatalogue(page: Page) {
  await page.getByTestId('side-menu').getByText('培训课程', { exact: true }).click();
  await expect(page).toHaveURL(/\/courses$/);
}

/** Picks an option of an antd select that lists its options up front (code lists). */
async function choose(page: Page, select: Locator, optionText: string) {
  await select.click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: optionText }).first().click();
}

/** Types into an antd date or time picker and takes the value. */
async function typeIntoPicker(picker: Locator, text: string) {
  // antd puts the test id on the picker's input itself.
  const input = (await picker.evaluate((el) => el.tagName)) === 'INPUT' ? picker : picker.locator('input').first();
  await input.click();
  await input.fill(text);
  await input.press('Enter');
  await expect(input).toHaveValue(text);
}

/** A date some days on, as the pickers show it (the browser runs in Asia/Shanghai, like the API's dates). */
function inDays(days: number): string {
  const date = new Date(Date.now() + 8 * 3600_000 + days * 86_400_000);
  return date.toISOString().slice(0, 10);
}

async function enrolWorker(page: Page, name: string, idNumber: string, mobile: string) {
  await page.getByTestId('enrol-open').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('enrol-kind-person').click();
  await dialog.getByTestId('enrol-person-name').fill(name);
  await dialog.getByTestId('enrol-person-id-number').fill(idNumber);
  await expect(dialog.getByTestId('enrol-id-implies')).toContainText('出生日期');
  await dialog.getByTestId('enrol-person-mobile').fill(mobile);
  await dialog.getByTestId('enrol-submit').click();
  await expect(dialog).toBeHidden();
}

function enrolmentRow(page: Page, name: string) {
  return page.getByTestId('enrolment-results').locator('tr.ant-table-row', { hasText: name });
}

test('staff create and publish a course, fill it, see the waitlist move up, and show the check-in code', async ({ page }) => {
  await login(page, 'nanjiang-staff');
  await expect(page.getByTestId('current-user')).toContainText('南江县总工会');
  await openCatalogue(page);

  // The demo courses of 南江县总工会.
  const results = page.getByTestId('course-results');
  await expect(results.locator('tr.ant-table-row', { hasText: '家政服务员（月嫂）培训班' }).getByTestId('course-status')).toHaveText(
    '报名中',
  );
  await expect(results.locator('tr.ant-table-row', { hasText: '基层工会干部业务培训' }).getByTestId('course-status')).toHaveText(
    '草稿',
  );

  // Create a course with two places, open to all workers.
  await page.getByTestId('course-create').click();
  const form = page.getByRole('dialog');
  await expect(form).toContainText('新建培训课程');
  await form.getByTestId('course-title').fill(TITLE);
  await choose(page, form.getByTestId('course-category'), '职业技能');
  await expect(form.getByTestId('course-organisation')).toContainText('南江县总工会');
  await form.getByTestId('course-venue').fill('南江县职业中学');
  await form.getByTestId('course-venue-address').fill('南江县光雾山大道 8 号');
  await form.getByTestId('course-venue-division').fill('511922');
  await form.getByTestId('course-max-places').fill('2');
  await form.getByTestId('course-min-places').fill('1');
  await form.getByText('所有职工', { exact: true }).click();
  await form.getByTestId('course-form-submit').click();
  await expect(form).toBeHidden();
  await expect(page).toHaveURL(/\/courses\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('course-title-heading')).toHaveText(TITLE);
  await expect(page.getByTestId('course-status')).toHaveText('草稿');
  await expect(page.getByTestId('course-facts')).toContainText('所有职工');
  await expect(page.getByTestId('course-places')).toHaveText('0 / 2');
  // No session yet: publishing waits.
  await expect(page.getByTestId('course-action-publish')).toBeDisabled();

  // Add a session a week on.
  const sessionDate = inDays(7);
  await page.getByTestId('session-add').click();
  const sessionForm = page.getByRole('dialog');
  await typeIntoPicker(sessionForm.getByTestId('session-date'), sessionDate);
  await typeIntoPicker(sessionForm.getByTestId('session-starts-at'), '19:00');
  await typeIntoPicker(sessionForm.getByTestId('session-ends-at'), '21:00');
  await sessionForm.getByTestId('session-teacher').fill('王老师');
  await sessionForm.getByTestId('session-form-submit').click();
  await expect(sessionForm).toBeHidden();
  const session = page.getByTestId('session-results').locator('tr.ant-table-row');
  await expect(session).toHaveCount(1);
  await expect(session).toContainText(sessionDate);
  await expect(session).toContainText('19:00–21:00');
  await expect(session).toContainText('王老师');

  // Publish it.
  await page.getByTestId('course-action-publish').click();
  await page.getByTestId('confirm-publish').click();
  await expect(page.getByTestId('course-status')).toHaveText('报名中');
  await expect(page.getByTestId('course-action-start')).toBeVisible();

  // Enrol three workers who are not members: two places, then the waitlist.
  const workers = [
    { name: '赵职工', id: freshIdNumber(1985), mobile: '13900000001' },
    { name: '钱职工', id: freshIdNumber(1990), mobile: '13900000002' },
    { name: '孙职工', id: freshIdNumber(1995), mobile: '13900000003' },
  ] as const;
  for (const worker of workers) await enrolWorker(page, worker.name, worker.id, worker.mobile);
  await expect(page.getByText('名额已满：孙职工 已进入候补，第 1 位')).toBeVisible();
  await expect(enrolmentRow(page, '赵职工')).toContainText('第 1 位');
  await expect(enrolmentRow(page, '赵职工').getByTestId('enrolment-status')).toHaveText('已报名');
  await expect(enrolmentRow(page, '钱职工')).toContainText('第 2 位');
  await expect(enrolmentRow(page, '孙职工')).toContainText('候补第 1 位');
  await expect(enrolmentRow(page, '孙职工').getByTestId('enrolment-status')).toHaveText('候补');
  await expect(page.getByTestId('enrolment-counts')).toHaveText('已报名 2 / 2 人，候补 1 人');
  await expect(page.getByTestId('course-status')).toHaveText('已满员');
  // ID numbers are masked.
  await expect(enrolmentRow(page, '赵职工')).not.toContainText(workers[0].id);

  // Remove the first: the waitlisted worker moves up.
  await enrolmentRow(page, '赵职工').getByTestId('enrolment-remove').click();
  const removal = page.getByRole('dialog');
  await expect(removal).toContainText('移除报名：赵职工');
  await removal.getByTestId('remove-reason').fill('工作调动，不能参加');
  await removal.getByTestId('remove-submit').click();
  await expect(removal).toBeHidden();
  await expect(page.getByTestId('promoted-alert')).toContainText('候补的 孙职工 已转为正式报名');
  await expect(enrolmentRow(page, '孙职工').getByTestId('enrolment-status')).toHaveText('已报名');
  await expect(enrolmentRow(page, '孙职工')).toContainText('第 2 位');
  await expect(enrolmentRow(page, '赵职工').getByTestId('enrolment-status')).toHaveText('已移除');
  await expect(enrolmentRow(page, '赵职工')).toContainText('工作调动，不能参加');
  await expect(page.getByTestId('enrolment-counts')).toHaveText('已报名 2 / 2 人，候补 0 人');

  // The notice to the one who moved up.
  await page.getByRole('tab', { name: '通知' }).click();
  await expect(page.getByTestId('notice-results')).toContainText('候补递补');
  await expect(page.getByTestId('notice-results')).toContainText(TITLE);

  // The attendance sheet: the two enrolled, one column for the session.
  await page.getByRole('tab', { name: '考勤' }).click();
  const sheet = page.getByTestId('attendance-results');
  await expect(sheet.locator('tr.ant-table-row')).toHaveCount(2);
  await expect(sheet).toContainText('钱职工');
  await expect(sheet).toContainText('孙职工');

  // The check-in screen: full screen, a six-digit code and its countdown.
  await page.getByTestId('course-sessions').getByTestId('session-checkin').click();
  await expect(page).toHaveURL(/\/courses\/[0-9a-f-]{36}\/sessions\/[0-9a-f-]{36}\/checkin$/);
  await expect(page.getByTestId('checkin-code')).toHaveText(/^\d{6}$/);
  await expect(page.getByTestId('checkin-course-title')).toHaveText(TITLE);
  await expect(page.getByTestId('checkin-session')).toContainText(`${sessionDate} 19:00–21:00`);
  await expect(page.getByTestId('checkin-countdown')).toContainText('后更换签到码');
  await expect(page.getByTestId('side-menu')).toHaveCount(0);
  await page.getByTestId('checkin-exit').click();
  await expect(page.getByTestId('course-title-heading')).toHaveText(TITLE);
});

test('the catalogue filters by status and title', async ({ page }) => {
  await login(page, 'nanjiang-staff');
  await openCatalogue(page);
  await choose(page, page.getByTestId('course-filter-status'), '草稿');
  await page.keyboard.press('Escape');
  await page.getByTestId('course-filter-submit').click();
  await expect(page).toHaveURL(/status=draft/);
  const results = page.getByTestId('course-results');
  await expect(results).toContainText('基层工会干部业务培训');
  await expect(results).not.toContainText('家政服务员（月嫂）培训班');

  await page.getByTestId('course-filter-reset').click();
  await page.getByTestId('course-filter-q').fill('月嫂');
  await page.getByTestId('course-filter-submit').click();
  await expect(page).toHaveURL(/q=/);
  await expect(results).toContainText('家政服务员（月嫂）培训班');
  await expect(results).not.toContainText('基层工会干部业务培训');
});
