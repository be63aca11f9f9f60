//! The scenario: federation staff of 南江县总工会 found a grassroots union under a township,
//! find it in the tree, edit it, and cannot open an organisation outside their county.
import { expect, test } from '@playwright/test';
import { env, expectDetailOf, login, treeNode } from './helpers';

test('nanjiang-staff creates, finds and edits a grassroots union under 南江镇工会', async ({ page }) => {
  const name = `南江县光雾山茶业有限公司工会${Date.now().toString().slice(-6)}`;

  await login(page, 'nanjiang-staff');
  await expect(page).toHaveURL(/\/organisations$/);
  await expect(page.getByTestId('current-user')).toContainText('南江县总工会');
  // The menu shows what the role may do: accounts yes, audit no.
  await expect(page.getByTestId('side-menu')).toContainText('账号管理');
  await expect(page.getByTestId('side-menu')).not.toContainText('审计日志');

  // The root of the caller's scope is open; pick a township.
  await expectDetailOf(page, '南江县总工会');
  await treeNode(page, '南江镇工会').click();
  await expect(page).toHaveURL(/\/organisations\/[0-9a-f-]{36}$/);
  await expectDetailOf(page, '南江镇工会');
  await expect(page.getByTestId('organisation-breadcrumb')).toContainText('南江县总工会');

  // Create a grassroots union below it; local validation first.
  await page.getByTestId('action-create-child').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('org-kind')).toContainText('企业工会');
  // antd's own texts are Chinese too (the production bundle must get antd's ESM locale).
  await expect(dialog.getByPlaceholder('请选择日期')).toBeVisible();
  await dialog.getByTestId('org-division-code').fill('5119');
  await dialog.getByTestId('org-form-submit').click();
  await expect(dialog).toContainText('请填写组织名称');
  await expect(dialog).toContainText('行政区划代码应为 6 位数字');

  await dialog.getByTestId('org-name').fill(name);
  await dialog.getByTestId('org-division-code').fill('511922');
  await dialog.getByTestId('org-headcount').fill('120');
  await dialog.getByTestId('org-women-headcount').fill('45');
  await dialog.getByTestId('org-chair-name').fill('王丽');
  await dialog.getByTestId('org-form-submit').click();
  await expect(dialog).toBeHidden();

  // The new union is selected, shown and in the tree under its township.
  await expectDetailOf(page, name);
  const detail = page.getByTestId('organisation-detail');
  await expect(detail).toContainText('企业工会');
  await expect(detail).toContainText('王丽');
  await expect(page.getByTestId('organisation-breadcrumb')).toContainText('南江镇工会');
  await expect(treeNode(page, name)).toBeVisible();
  const newUrl = page.url();

  // Find it again from the tree after a reload (deep link opens the tree down to it).
  await page.reload();
  await expectDetailOf(page, name);
  await expect(treeNode(page, name)).toBeVisible();
  await treeNode(page, '南江镇工会').click();
  await expectDetailOf(page, '南江镇工会');
  await treeNode(page, name).click();
  await expect(page).toHaveURL(newUrl);

  // Edit it: the server gets If-Match with the ETag and answers with the new version.
  await page.getByTestId('action-edit').click();
  const edit = page.getByRole('dialog');
  await expect(edit.getByTestId('org-name')).toHaveValue(name);
  await edit.getByTestId('org-chair-name').fill('李强');
  await edit.getByTestId('org-headcount').fill('150');
  await edit.getByTestId('org-short-name').fill('光雾山茶业工会');
  await edit.getByTestId('org-form-submit').click();
  await expect(edit).toBeHidden();
  await expect(detail).toContainText('李强');
  await expect(detail).toContainText('150');
  await expect(detail).toContainText('光雾山茶业工会');

  // It is also found by the search page.
  await page.getByTestId('side-menu').getByText('组织查询').click();
  await page.getByTestId('filter-q').fill(name);
  await page.getByTestId('filter-submit').click();
  await expect(page.getByTestId('organisation-results')).toContainText(name);
});

test('an organisation outside the caller’s scope shows the not-found state', async ({ page }) => {
  await login(page, 'nanjiang-staff');
  await expect(page).toHaveURL(/\/organisations$/);
  await page.goto(`/organisations/${env('GONGHUI_E2E_HUAYUAN_ID')}`);
  await expect(page.getByTestId('organisation-not-found')).toBeVisible();
  await expect(page.getByTestId('organisation-not-found')).toContainText('未找到该组织');
  // The tree still shows the caller's own scope.
  await expect(treeNode(page, '南江县总工会')).toBeVisible();
});

test('the admin sees 花垣县总工会 through a deep link', async ({ page }) => {
  await login(page, 'demo-admin');
  await expect(page).toHaveURL(/\/organisations$/);
  await page.goto(`/organisations/${env('GONGHUI_E2E_HUAYUAN_ID')}`);
  await expectDetailOf(page, '花垣县总工会');
  await expect(treeNode(page, '花垣县总工会')).toBeVisible();
  await expect(page.getByTestId('side-menu')).toContainText('审计日志');
});
