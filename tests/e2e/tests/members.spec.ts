//! The member registry: federation staff of 南江县总工会 see the members of their county only, register
//! one (the ID number is checked as they type), find it by ID suffix, reveal its numbers and read its
//! history; a second registration of the same person is refused.
import { expect, test, type Page } from '@playwright/test';
import { login, pickOption } from './helpers';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11643 check character for 17 digits. */
function checkChar(first17: string): string {
  const sum = [...first17].reduce((acc, digit, i) => acc + Number(digit) * (WEIGHTS[i] ?? 0), 0);
  return '10X98765432'.charAt(sum % 11);
}

/** A fresh valid ID number of someone born in 南江 (511922) in 1990. */
function freshIdNumber(): string {
  const n = Date.now();
  const month = String((n % 12) + 1).padStart(2, '0');
  const day = String((Math.floor(n / 12) % 28) + 1).padStart(2, '0');
  const seq = String(Math.floor(n / 1000) % 1000).padStart(3, '0');
  const first17 = `5119221990${month}${day}${seq}`;
  return `${first17}${checkChar(first17)}`;
}

/** A different (hence wrong) check character. */
function wrongCheck(idNumber: string): string {
  const right = idNumber.charAt(17);
  return `${idNumber.slice(0, 17)}${right === '0' ? '1' : '0'}`;
}

async function openMembers(page: Page) {
  await page.getByTestId('side-menu').getByText('会员管理').click();
  await expect(page).toHaveURL(/\/members$/);
}

test('nanjiang-staff registers, finds and reveals a member of a union in 南江', async ({ page }) => {
  const idNumber = freshIdNumber();
  const name = `陈测试${idNumber.slice(-4)}`;

  await login(page, 'nanjiang-staff');
  await expect(page.getByTestId('current-user')).toContainText('南江县总工会');
  await openMembers(page);

  // The demo members of 南江, not those of 花垣.
  const results = page.getByTestId('member-results');
  await expect(results).toContainText('李阳');
  await expect(results).toContainText('周丽');
  await expect(results).toContainText('四川光雾山米业有限公司工会');
  await expect(results).not.toContainText('石光明');
  // Numbers are masked in the list.
  await expect(results).toContainText('**********');

  // Register one; a wrong check digit is caught while typing.
  await page.getByTestId('member-create').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('member-name').fill(name);
  await dialog.getByTestId('member-id-number').fill(wrongCheck(idNumber));
  await expect(dialog).toContainText('身份证号校验位不正确，请核对');
  await dialog.getByTestId('member-id-number').fill(idNumber);
  await expect(dialog).not.toContainText('身份证号校验位不正确');
  await expect(dialog.getByTestId('member-id-implies')).toContainText(
    `出生日期 ${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
  );
  await pickOption(page, dialog.getByTestId('member-organisation'), '光雾山米业', '四川光雾山米业有限公司工会');
  await dialog.getByTestId('member-mobile').fill('139 0827 9999');
  await dialog.getByTestId('member-form-submit').click();
  await expect(dialog).toBeHidden();

  // Find it by the last six characters of the ID number.
  await page.getByTestId('filter-id-suffix').fill(idNumber.slice(-6));
  await page.getByTestId('filter-submit').click();
  await expect(page).toHaveURL(new RegExp(`id_suffix=${idNumber.slice(-6)}`));
  await expect(results.locator('tbody tr.ant-table-row')).toHaveCount(1);
  await expect(results).toContainText(name);

  // The detail shows the number masked until revealed.
  await results.getByTestId('member-link').filter({ hasText: name }).click();
  await expect(page).toHaveURL(/\/members\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('member-name')).toHaveText(name);
  const idValue = page.getByTestId('member-id-number-value');
  await expect(idValue).toContainText('**********');
  await expect(idValue).not.toContainText(idNumber);
  await page.getByTestId('member-reveal').click();
  await expect(idValue).toContainText(idNumber);
  await expect(page.getByTestId('member-mobile-value')).toHaveText('13908279999');

  // The history has the join.
  await page.getByRole('tab', { name: '会籍变化' }).click();
  await expect(page.getByTestId('member-history')).toContainText('入会');
  await expect(page.getByTestId('member-history')).toContainText('四川光雾山米业有限公司工会');

  // Leaving the page forgets the revealed numbers.
  await page.getByText('返回会员列表').click();
  await expect(page).toHaveURL(/\/members$/);
  await page.goBack();
  await expect(page.getByTestId('member-id-number-value')).toContainText('**********');
});

test('registering a person who is already a member shows why', async ({ page }) => {
  // 李阳 of the demo data: born 1993-09-18 in 资阳 (512002), sequence 157.
  const first17 = '51200219930918157';
  const idNumber = `${first17}${checkChar(first17)}`;

  await login(page, 'nanjiang-staff');
  await openMembers(page);
  await page.getByTestId('member-create').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('member-name').fill('李阳');
  await dialog.getByTestId('member-id-number').fill(idNumber);
  await pickOption(page, dialog.getByTestId('member-organisation'), '光雾山米业', '四川光雾山米业有限公司工会');
  await dialog.getByTestId('member-form-submit').click();
  await expect(dialog.getByTestId('problem-alert')).toContainText('此人已是会员（按身份证号），不能重复登记');
  await expect(dialog.getByTestId('problem-alert')).toContainText('四川光雾山米业有限公司工会');
  await expect(dialog).toBeVisible();
});
