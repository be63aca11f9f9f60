//! 会员信息采集: nanjiang-staff uploads a csv with two new people and one wrong check digit into
//! 四川光雾山米业有限公司工会, sees the bad cell in the preview, may not import all rows, imports the valid
//! ones and finds a new member in the list.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { confirmPopup, freshIdNumber, login, pickOption } from './helpers';

const GUANGWUSHAN = '四川光雾山米业有限公司工会';

/** A different (hence wrong) check character. */
function wrongCheck(idNumber: string): string {
  const right = idNumber.charAt(17);
  return `${idNumber.slice(0, 17)}${right === '0' ? '1' : '0'}`;
}

test('nanjiang-staff imports the valid rows of a sheet', async ({ page }) => {
  const first = freshIdNumber(1988);
  const second = freshIdNumber(1992);
  const bad = wrongCheck(freshIdNumber(1995));
  const nameA = `导入甲${first.slice(-4)}`;
  const nameB = `导入乙${second.slice(-4)}`;
  const nameBad = `导入丙${bad.slice(-4)}`;
  const csv = [
    '姓名*,身份证号*,手机号,民族,是否农民工',
    `${nameA},${first},13800138000,汉族,是`,
    `${nameB},${second},,汉族,否`,
    `${nameBad},${bad},,汉族,否`,
  ].join('\r\n');

  await login(page, 'nanjiang-staff');
  await expect(page.getByTestId('current-user')).toContainText('南江县总工会');
  await page.getByTestId('side-menu').getByText('会员管理').click();
  await expect(page).toHaveURL(/\/members$/);
  await page.getByTestId('member-import').click();
  await expect(page).toHaveURL(/\/members\/import$/);

  // 1) union and file; the template comes with the bearer token
  const download = page.waitForEvent('download');
  await page.getByTestId('import-template').click();
  expect((await download).suggestedFilename()).toBe('会员信息采集表.xlsx');
  await pickOption(page, page.getByTestId('import-organisation'), '光雾山', GUANGWUSHAN);
  await page.locator('input[type=file]').setInputFiles({
    name: '会员信息采集表.csv',
    mimeType: 'text/csv',
    buffer: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')]),
  });
  await expect(page.getByText('会员信息采集表.csv')).toBeVisible();
  await page.getByTestId('import-upload').click();

  // 2) preview: row 4's ID number is flagged, two valid rows
  await expect(page.getByTestId('import-total')).toContainText('3');
  await expect(page.getByTestId('import-valid')).toContainText('2');
  await expect(page.getByTestId('import-invalid')).toContainText('1');
  const badRow = page.getByTestId('import-errors').locator('tr[data-row-key="4"]');
  await expect(badRow.getByTestId('import-error-column')).toContainText('身份证号');
  await expect(badRow.getByTestId('import-error-problem')).toContainText('校验位不正确');
  // The whole error report downloads as a csv for the union to fix its sheet.
  const report = page.waitForEvent('download');
  await page.getByTestId('import-error-report').click();
  const reportFile = await report;
  expect(reportFile.suggestedFilename()).toMatch(/^导入错误报告-.+\.csv$/);
  const reportText = readFileSync((await reportFile.path()) ?? '', 'utf8');
  expect(reportText).toContain('4,身份证号,id_number,invalid_checksum');
  const preview = page.getByTestId('import-preview');
  await expect(preview).toContainText(nameA);
  await expect(preview).toContainText(nameB);
  await expect(preview).not.toContainText(nameBad);
  await page.getByTestId('import-next').click();

  // 3) import: not all rows, only the valid ones
  await expect(page.getByTestId('import-commit-all')).toBeDisabled();
  await expect(page.getByTestId('import-all-hint')).toBeVisible();
  await page.getByTestId('import-commit-valid').click();
  await expect(page.locator('.ant-popconfirm:visible')).toContainText('1 行有误');
  await confirmPopup(page);

  // 4) result
  await expect(page.getByTestId('import-result')).toContainText('已登记 2 名会员');
  await expect(page.getByTestId('import-errors').locator('tr[data-row-key="4"]')).toBeVisible();
  await page.getByTestId('import-to-members').click();
  await expect(page).toHaveURL(/\/members\?organisation_id=/);
  await page.getByTestId('filter-q').fill(nameA);
  await page.getByTestId('filter-submit').click();
  const results = page.getByTestId('member-results');
  await expect(results.locator('tbody tr.ant-table-row')).toHaveCount(1);
  await expect(results).toContainText(nameA);
  await expect(results).toContainText(GUANGWUSHAN);
});
