//! Honours (荣誉) and the model-worker register (劳模名册), as the staff of 南江县总工会: record a national
//! May-1st medal for a demo member, find it in the member's 荣誉 tab and in the register filtered by kind,
//! then remove it again.
import { expect, test, type Page } from '@playwright/test';
import { confirmPopup, login } from './helpers';

const MEMBER = '吴刚';
const UNION = '南江县南慧建材有限公司工会';
const TITLE = '全国五一劳动奖章';
const AWARDING_BODY = '中华全国总工会';
const AWARDED_ON = '2024-04-28';

async function openMenu(page: Page, label: string, url: RegExp) {
  await page.getByTestId('side-menu').getByText(label, { exact: true }).click();
  await expect(page).toHaveURL(url);
}

async function openHonoursOf(page: Page, name: string) {
  await openMenu(page, '会员管理', /\/members$/);
  await page.getByTestId('filter-q').fill(name);
  await page.getByTestId('filter-submit').click();
  await page.getByTestId('member-results').getByTestId('member-link').filter({ hasText: name }).first().click();
  await expect(page.getByTestId('member-name')).toHaveText(name);
  await page.getByRole('tab', { name: '荣誉' }).click();
}

/** Picks an option of an antd select that lists its options up front (code lists). */
async function choose(page: Page, select: ReturnType<Page['getByTestId']>, optionText: string) {
  await select.click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: optionText }).first().click();
}

test('staff record a May-1st medal, find it in the member’s honours and the register, and remove it', async ({ page }) => {
  await login(page, 'nanjiang-staff');
  await expect(page.getByTestId('current-user')).toContainText('南江县总工会');
  await openHonoursOf(page, MEMBER);
  const honours = page.getByTestId('member-honours');
  await expect(honours).toContainText('暂无荣誉记录');

  // Add one.
  await honours.getByTestId('honour-add').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(`添加荣誉：${MEMBER}`);
  await choose(page, dialog.getByTestId('honour-kind'), '五一劳动奖章');
  await choose(page, dialog.getByTestId('honour-level'), '全国');
  await dialog.getByTestId('honour-title').fill(TITLE);
  const date = dialog.getByTestId('honour-awarded-on');
  await date.click();
  await date.fill(AWARDED_ON);
  await date.press('Enter');
  await dialog.getByTestId('honour-awarding-body').fill(AWARDING_BODY);
  await dialog.getByTestId('honour-form-submit').click();
  await expect(dialog).toBeHidden();

  // The tab lists it with the code lists' labels.
  const row = honours.getByTestId('honour-results').locator('tr.ant-table-row', { hasText: TITLE });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('honour-kind-label')).toHaveText('五一劳动奖章');
  await expect(row).toContainText('全国');
  await expect(row).toContainText(AWARDED_ON);
  await expect(row).toContainText(AWARDING_BODY);

  // The register shows model workers by default: not this medal.
  await openMenu(page, '劳模名册', /\/members\/honours$/);
  const register = page.getByTestId('honour-register-results');
  await expect(page.getByTestId('honour-filter-kind')).toContainText('劳动模范');
  await expect(register.locator('.ant-spin-spinning')).toHaveCount(0);
  await expect(register).not.toContainText(MEMBER);

  // Filtered by kind, it lists the member with the union, and links to the member.
  await choose(page, page.getByTestId('honour-filter-kind'), '五一劳动奖章');
  await page.getByTestId('honour-filter-submit').click();
  await expect(page).toHaveURL(/kind=may_day_medal/);
  const registerRow = register.locator('tr.ant-table-row', { hasText: MEMBER });
  await expect(registerRow).toHaveCount(1);
  await expect(registerRow).toContainText(UNION);
  await expect(registerRow).toContainText(TITLE);
  await expect(registerRow).toContainText(AWARDED_ON);
  await registerRow.getByTestId('honour-member-link').click();
  await expect(page).toHaveURL(/\/members\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('member-name')).toHaveText(MEMBER);

  // Remove it, after confirming.
  await page.getByRole('tab', { name: '荣誉' }).click();
  await honours.getByTestId('honour-results').locator('tr.ant-table-row', { hasText: TITLE }).getByTestId('honour-delete').click();
  await confirmPopup(page);
  await expect(honours).toContainText('暂无荣誉记录');

  // And it is gone from the register too.
  await page.goto('/members/honours?kind=may_day_medal');
  await expect(page.getByTestId('honour-register-results')).toContainText('没有符合条件的荣誉记录');
});
