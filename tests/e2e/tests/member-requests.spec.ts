//! Join and transfer requests through 会员审批, and a membership change, as the staff of 南江县总工会
//! (both demo unions are in their county, so they may release and approve alike).
import { expect, test, type Page } from '@playwright/test';
import { confirmPopup, freshIdNumber, login, pickOption } from './helpers';

const GUANGWUSHAN = '四川光雾山米业有限公司工会';
const NANHUI = '南江县南慧建材有限公司工会';

async function openMenu(page: Page, label: string, url: RegExp) {
  await page.getByTestId('side-menu').getByText(label, { exact: true }).click();
  await expect(page).toHaveURL(url);
}

async function openMember(page: Page, name: string) {
  await openMenu(page, '会员管理', /\/members$/);
  await page.getByTestId('filter-q').fill(name);
  await page.getByTestId('filter-submit').click();
  const results = page.getByTestId('member-results');
  await results.getByTestId('member-link').filter({ hasText: name }).first().click();
  await expect(page.getByTestId('member-name')).toHaveText(name);
}

/** The inbox row of a person (the newest first). */
function requestRow(page: Page, name: string) {
  return page.getByTestId('request-results').locator('tr.ant-table-row', { hasText: name }).first();
}

test('a join request filed by the county federation is approved and the worker becomes a member', async ({ page }) => {
  const idNumber = freshIdNumber(1988);
  const name = `申请人${idNumber.slice(-4)}`;

  await login(page, 'nanjiang-staff');
  await openMenu(page, '会员管理', /\/members$/);
  await page.getByTestId('join-request-create').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('member-name').fill(name);
  await dialog.getByTestId('member-id-number').fill(idNumber);
  await pickOption(page, dialog.getByTestId('member-organisation'), '南慧', NANHUI);
  await dialog.getByTestId('join-request-reason').fill('新入职员工');
  await dialog.getByTestId('join-request-submit').click();
  await expect(dialog).toBeHidden();

  // Not a member yet.
  await page.getByTestId('filter-q').fill(name);
  await page.getByTestId('filter-submit').click();
  await expect(page.getByTestId('member-results')).toContainText('没有符合条件的会员');

  await openMenu(page, '会员审批', /\/member-requests$/);
  const row = requestRow(page, name);
  await expect(row).toContainText('入会');
  await expect(row).toContainText(NANHUI);
  await expect(row).toContainText('新入职员工');
  await expect(row.getByTestId('request-status')).toHaveText('待审批');
  // A join has nothing to release.
  await expect(row.getByTestId('request-release')).toHaveCount(0);
  await row.getByTestId('request-approve').click();
  await confirmPopup(page);
  await expect(requestRow(page, name)).toHaveCount(0);

  await page.getByRole('tab', { name: '已处理' }).click();
  await expect(requestRow(page, name).getByTestId('request-status')).toHaveText('已批准');

  await openMenu(page, '会员管理', /\/members$/);
  await page.getByTestId('filter-q').fill(name);
  await page.getByTestId('filter-submit').click();
  const results = page.getByTestId('member-results');
  await expect(results.locator('tbody tr.ant-table-row')).toHaveCount(1);
  await expect(results).toContainText(name);
  await expect(results).toContainText(NANHUI);
});

test('a member moves from one union to another: requested, released, approved', async ({ page }) => {
  const name = '钱秀英';
  await login(page, 'nanjiang-staff');
  await openMember(page, name);
  await expect(page.getByTestId('member-detail')).toContainText(GUANGWUSHAN);

  await page.getByTestId('member-transfer').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(`转出工会：${GUANGWUSHAN}`);
  await pickOption(page, dialog.getByTestId('transfer-target'), '南慧', NANHUI);
  await dialog.getByTestId('transfer-reason').fill('调往南慧建材工作');
  await dialog.getByTestId('transfer-request-submit').click();
  await expect(dialog).toBeHidden();

  await openMenu(page, '会员审批', /\/member-requests$/);
  const row = requestRow(page, name);
  await expect(row).toContainText('转会');
  await expect(row.getByTestId('request-route')).toHaveText(`${GUANGWUSHAN} → ${NANHUI}`);
  await expect(row.getByTestId('request-status')).toHaveText('待审批');
  // Not yet released: the union joined cannot approve.
  await expect(row.getByTestId('request-approve')).toHaveCount(0);
  await row.getByTestId('request-release').click();
  await confirmPopup(page);
  await expect(row.getByTestId('request-status')).toHaveText('已放行');
  await expect(row.getByTestId('request-release')).toHaveCount(0);
  await row.getByTestId('request-approve').click();
  await confirmPopup(page);
  await expect(requestRow(page, name)).toHaveCount(0);

  await openMember(page, name);
  await expect(page.getByTestId('member-detail')).toContainText(NANHUI);
  await expect(page.getByTestId('member-detail')).not.toContainText(GUANGWUSHAN);
  await page.getByRole('tab', { name: '会籍变化' }).click();
  const history = page.getByTestId('member-history');
  await expect(history).toContainText('转出');
  await expect(history).toContainText('转入');
  await expect(history).toContainText(`转出：${GUANGWUSHAN}`);
  await expect(history).toContainText(`转入：${NANHUI}`);
});

test('recording 保留会籍 changes the status and adds to the history', async ({ page }) => {
  const name = '孙建国';
  await login(page, 'nanjiang-staff');
  await openMember(page, name);
  await expect(page.getByTestId('member-detail').getByTestId('member-status').first()).toHaveText('正常');

  await page.getByTestId('member-change').click();
  const dialog = page.getByRole('dialog');
  // An active member may not be restored.
  await dialog.getByTestId('change-kind').click();
  await expect(page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '恢复会籍' })).toHaveCount(0);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '保留会籍' }).click();
  // Yesterday in China: the API's "not in the future" is judged in UTC, which is still yesterday
  // between 00:00 and 08:00 Beijing time.
  const yesterday = new Date(Date.now() + 8 * 3600_000 - 24 * 3600_000).toISOString().slice(0, 10);
  const date = dialog.locator('.ant-picker input');
  await date.click();
  await date.fill(yesterday);
  await date.press('Enter');
  await dialog.getByTestId('change-reason').fill('外出务工，保留会籍');
  await dialog.getByTestId('change-submit').click();
  await expect(dialog).toBeHidden();

  await expect(page.getByTestId('member-detail').getByTestId('member-status').first()).toHaveText('保留会籍');
  await page.getByRole('tab', { name: '会籍变化' }).click();
  const history = page.getByTestId('member-history');
  await expect(history).toContainText('保留会籍');
  await expect(history).toContainText('原因：外出务工，保留会籍');
  await expect(history).toContainText(yesterday);
});
