//! Hardship files (困难职工档案): the officer of 四川光雾山米业有限公司工会 registers a file for one of the
//! union's members and attaches a PDF; the staff of 南江县总工会 find it in the register, approve it and
//! record 送温暖 assistance. Nobody decides a file they registered: staff registering one themselves are
//! offered no approve button.
import { expect, test, type Page } from '@playwright/test';
import { login } from './helpers';

const UNION = '四川光雾山米业有限公司工会';
const MEMBER = '周丽';
const REASON = '配偶患重病长期住院，两个孩子上学，家庭收入低。';
const EVIDENCE = '诊断证明.pdf';
/** A tiny but whole PDF: the server recognises evidence by its structure (header, objects, trailer). */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\nxref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<< /Size 2 /Root 1 0 R >>\nstartxref\n45\n%%EOF\n',
);

async function openMenu(page: Page, label: string, url: RegExp) {
  await page.getByTestId('side-menu').getByText(label, { exact: true }).click();
  await expect(page).toHaveURL(url);
}

async function openHardshipTabOf(page: Page, name: string) {
  await openMenu(page, '会员管理', /\/members$/);
  await page.getByTestId('filter-q').fill(name);
  await page.getByTestId('filter-submit').click();
  await page.getByTestId('member-results').getByTestId('member-link').filter({ hasText: name }).first().click();
  await expect(page.getByTestId('member-name')).toHaveText(name);
  await page.getByRole('tab', { name: '困难帮扶' }).click();
  return page.getByTestId('member-hardship');
}

/** Picks an option of an antd select that lists its options up front (code lists). */
async function choose(page: Page, select: ReturnType<Page['getByTestId']>, optionText: string) {
  await select.click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: optionText }).first().click();
}

async function registerFile(page: Page, tab: ReturnType<Page['getByTestId']>, name: string) {
  await tab.getByTestId('hardship-create').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(`登记困难档案：${name}`);
  await choose(page, dialog.getByTestId('hardship-category'), '因病');
  await dialog.getByTestId('hardship-household-size').fill('4');
  await dialog.getByTestId('hardship-income-yuan').fill('680.00');
  await dialog.getByTestId('hardship-reason').fill(REASON);
  await dialog.getByTestId('hardship-form-submit').click();
  await expect(dialog).toBeHidden();
}

test('an officer registers a file with evidence; county staff approve it and record 送温暖 assistance', async ({ page }) => {
  await login(page, 'nanjiang-officer');
  await expect(page.getByTestId('current-user')).toContainText(UNION);

  // Register the file from the member's 困难帮扶 tab.
  const tab = await openHardshipTabOf(page, MEMBER);
  await expect(tab).toContainText('暂无困难职工档案');
  await expect(tab).toContainText('查看困难职工档案会记入审计日志');
  await registerFile(page, tab, MEMBER);
  const row = tab.getByTestId('hardship-results').locator('tr.ant-table-row');
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('hardship-status')).toHaveText('待审核');
  await expect(row).toContainText('因病');
  await expect(row).toContainText('4 人');
  await expect(row.getByTestId('hardship-income')).toHaveText('680.00');

  // Its page: the audit notice, no decisions for an officer, and the evidence upload.
  await row.getByTestId('hardship-file-link').click();
  await expect(page).toHaveURL(/\/hardship-files\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('hardship-audit-notice')).toContainText('记入审计日志');
  await expect(page.getByTestId('hardship-facts')).toContainText(REASON);
  await expect(page.getByTestId('hardship-edit')).toBeVisible();
  await expect(page.getByTestId('decision-approve')).toHaveCount(0);
  await page
    .getByTestId('hardship-evidence')
    .locator('input[type="file"]')
    .setInputFiles({ name: EVIDENCE, mimeType: 'application/pdf', buffer: PDF });
  const evidence = page.getByTestId('evidence-results').locator('tr.ant-table-row', { hasText: EVIDENCE });
  await expect(evidence).toHaveCount(1);
  await expect(evidence).toContainText('PDF');

  // The download goes through the API with the token and comes back as the same file.
  const downloading = page.waitForEvent('download');
  await evidence.getByTestId('evidence-download').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(EVIDENCE);

  // County staff find it in the register.
  await page.getByTestId('logout').click();
  await expect(page).toHaveURL(/\/login/);
  await login(page, 'nanjiang-staff');
  await expect(page.getByTestId('current-user')).toContainText('南江县总工会');
  await openMenu(page, '困难职工档案', /\/hardship-files$/);
  await expect(page.getByTestId('hardship-audit-notice')).toBeVisible();
  await choose(page, page.getByTestId('hardship-filter-status'), '待审核');
  await page.getByTestId('hardship-filter-q').fill(MEMBER);
  await page.getByTestId('hardship-filter-submit').click();
  await expect(page).toHaveURL(/status=applied/);
  const registerRow = page.getByTestId('hardship-register-results').locator('tr.ant-table-row', { hasText: MEMBER });
  await expect(registerRow).toHaveCount(1);
  await expect(registerRow).toContainText(UNION);
  await expect(registerRow).toContainText('680.00');
  await registerRow.getByTestId('hardship-file-link').click();

  // Approve it (the default re-review date, twelve months on).
  await expect(page.getByTestId('hardship-member-name')).toHaveText(MEMBER);
  await expect(page.getByTestId('evidence-results')).toContainText(EVIDENCE);
  await page.getByTestId('decision-approve').click();
  const decision = page.getByRole('dialog');
  await expect(decision).toContainText(`审核通过：${MEMBER}`);
  await decision.getByTestId('decision-note').fill('经入户核实，情况属实');
  await decision.getByTestId('decision-submit').click();
  await expect(decision).toBeHidden();
  await expect(page.getByTestId('hardship-status')).toHaveText('已建档');
  await expect(page.getByTestId('decision-approve')).toHaveCount(0);
  await expect(page.getByTestId('decision-renew')).toBeVisible();
  const trail = page.getByTestId('hardship-reviews');
  await expect(trail).toContainText('审核通过');
  await expect(trail).toContainText('经入户核实，情况属实');
  await expect(trail).toContainText('南江县总工会 张明');

  // Record 500 yuan of 送温暖 and see the total.
  await expect(page.getByTestId('assistance-total')).toHaveText('累计帮扶金额：0.00 元');
  await page.getByTestId('assistance-add').click();
  const assistance = page.getByRole('dialog');
  await choose(page, assistance.getByTestId('assistance-kind'), '送温暖');
  await assistance.getByTestId('assistance-amount-yuan').fill('500');
  await assistance.getByTestId('assistance-note').fill('春节慰问');
  await assistance.getByTestId('assistance-form-submit').click();
  await expect(assistance).toBeHidden();
  const given = page.getByTestId('assistance-results').locator('tr.ant-table-row');
  await expect(given).toHaveCount(1);
  await expect(given).toContainText('送温暖');
  await expect(given).toContainText('500.00');
  await expect(given).toContainText('春节慰问');
  await expect(page.getByTestId('assistance-total')).toHaveText('累计帮扶金额：500.00 元');

  // The register shows it approved now.
  await openMenu(page, '困难职工档案', /\/hardship-files$/);
  await choose(page, page.getByTestId('hardship-filter-status'), '已建档');
  await page.getByTestId('hardship-filter-submit').click();
  await expect(page).toHaveURL(/status=approved/);
  await expect(
    page.getByTestId('hardship-register-results').locator('tr.ant-table-row', { hasText: MEMBER }).getByTestId('hardship-status'),
  ).toHaveText('已建档');
});

test('staff who register a file themselves are not offered to approve it', async ({ page }) => {
  await login(page, 'nanjiang-staff');
  const tab = await openHardshipTabOf(page, '李阳');
  await registerFile(page, tab, '李阳');
  await tab.getByTestId('hardship-results').getByTestId('hardship-file-link').first().click();
  await expect(page.getByTestId('hardship-status')).toHaveText('待审核');
  await expect(page.getByTestId('self-review-hint')).toContainText('须由其他审核人员审核');
  await expect(page.getByTestId('decision-approve')).toHaveCount(0);
  await expect(page.getByTestId('decision-reject')).toHaveCount(0);
  // They may still correct the facts.
  await expect(page.getByTestId('hardship-edit')).toBeVisible();
});
