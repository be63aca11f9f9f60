//! The demand board (职工点菜) for a worker's own account: nanjiang-member opens it from the menu and sees the
//! demo request 电工证培训 (which the demo files in this account's name, so it is theirs and supported
//! already), backs a request a union officer filed (+1, once), files a new request and is refused a second
//! one with the same topic, the dialog naming the open request.
import { expect, test, type Page } from '@playwright/test';
import { apiToken, env, login } from './helpers';

function row(page: Page, topic: string) {
  return page.getByTestId('course-request-list').locator(`[data-testid="course-request-row"][data-topic="${topic}"]`);
}

/** A request filed through the API by the union officer of the same federation (another account). */
async function fileAsOfficer(topic: string): Promise<void> {
  const base = env('GONGHUI_E2E_BASE_URL');
  const response = await fetch(`${base}/api/v1/course-requests`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(await apiToken(base, 'nanjiang-officer')) },
    body: JSON.stringify({ category: 'vocational', topic, division: '511922', preferred_times: '晚上' }),
  });
  if (response.status !== 201) throw new Error(`filing ${topic}: ${response.status} ${await response.text()}`);
}

test('a worker supports a request, files one and is refused the same topic twice', async ({ page }) => {
  const run = Date.now().toString(36);
  const theirs = `焊工证培训 ${run}`;
  const mine = `茶艺师培训 ${run}`;
  await fileAsOfficer(theirs);

  await login(page, 'nanjiang-member');
  await expect(page).toHaveURL(/\/me$/);
  await page.getByTestId('side-menu').getByText('职工点菜', { exact: true }).click();
  await expect(page).toHaveURL(/\/course-requests$/);

  // The demo's request, filed in this worker's name: theirs, so supported already.
  const demo = row(page, '电工证培训');
  await expect(demo).toBeVisible();
  await expect(demo).toContainText('职业技能');
  await expect(demo).toContainText('地点：511922');
  await expect(demo.getByTestId('course-request-support')).toBeDisabled();
  await expect(demo.getByTestId('course-request-support')).toContainText('已支持');
  // Workers file and support; they do not schedule.
  await expect(page.getByTestId('course-request-schedule')).toHaveCount(0);

  // +1 on the officer's request, once.
  const other = row(page, theirs);
  await expect(other.getByTestId('course-request-supporters')).toHaveText('1');
  await other.getByTestId('course-request-support').click();
  await expect(page.getByText(`已支持“${theirs}”`)).toBeVisible();
  await expect(other.getByTestId('course-request-supporters')).toHaveText('2');
  await expect(other.getByTestId('course-request-support')).toBeDisabled();
  await page.reload();
  await expect(row(page, theirs).getByTestId('course-request-supporters')).toHaveText('2');
  await expect(row(page, theirs).getByTestId('course-request-support')).toBeDisabled();

  // 我要点菜: a place is a 6-digit division code.
  await page.getByTestId('course-request-create').click();
  let dialog = page.getByRole('dialog');
  await dialog.getByTestId('course-request-topic').fill(mine);
  await dialog.getByTestId('course-request-division').fill('5119');
  await dialog.getByTestId('course-request-submit').click();
  await expect(dialog).toContainText('请填写 6 位数字的行政区划代码');
  await dialog.getByTestId('course-request-division').fill('511922');
  await dialog.getByTestId('course-request-preferred-times').fill('周末');
  await dialog.getByTestId('course-request-submit').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`已提交点菜需求“${mine}”`)).toBeVisible();
  const filed = row(page, mine);
  await expect(filed.getByTestId('course-request-supporters')).toHaveText('1');
  await expect(filed.getByTestId('course-request-support')).toBeDisabled();
  await expect(filed).toContainText('时间：周末');

  // The same topic again (with blanks around it): refused, naming the open request.
  await page.getByTestId('course-request-create').click();
  dialog = page.getByRole('dialog');
  await dialog.getByTestId('course-request-topic').fill(` ${mine} `);
  await dialog.getByTestId('course-request-division').fill('511922');
  await dialog.getByTestId('course-request-submit').click();
  await expect(dialog.getByTestId('problem-alert')).toContainText('已有相同的点菜需求，请为它点赞支持');
  await expect(dialog.getByTestId('problem-alert')).toContainText(`现有需求：“${mine}”`);
  // Supporting it instead: it is theirs already.
  await dialog.getByTestId('course-request-support-existing').click();
  await expect(dialog.getByTestId('course-request-supported-already')).toContainText('您已经支持过这个需求');
  await dialog.getByRole('button', { name: /取\s*消/ }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('course-request-list').locator(`[data-topic="${mine}"]`)).toHaveCount(1);
});

test('the worker’s membership page leads to the board and to their courses', async ({ page }) => {
  await login(page, 'nanjiang-member');
  await expect(page).toHaveURL(/\/me$/);
  await page.getByTestId('my-course-requests-link').click();
  await expect(page).toHaveURL(/\/course-requests$/);
  await expect(row(page, '电工证培训')).toBeVisible();
  await page.goBack();
  await page.getByTestId('my-courses-link').click();
  await expect(page).toHaveURL(/\/me\/courses$/);
  // The demo's open course of 南江县总工会 is on offer.
  await expect(page.getByTestId('my-course-list')).toContainText('家政服务员（月嫂）培训班');
});
