//! Move, archive/restore, and the stale-edit (412) path.
import { expect, test } from '@playwright/test';
import { apiToken, confirmPopup, createChildInUi, env, expectDetailOf, login, pickOption, treeNode } from './helpers';

const suffix = () => Date.now().toString().slice(-6);

test('move a union to another township, archive it and restore it', async ({ page }) => {
  const name = `沙河镇e2e搬迁测试工会${suffix()}`;
  await login(page, 'nanjiang-staff');
  await treeNode(page, '沙河镇工会').click();
  await expectDetailOf(page, '沙河镇工会');
  await createChildInUi(page, name);
  await expect(page.getByTestId('organisation-breadcrumb')).toContainText('沙河镇工会');

  await page.getByTestId('action-move').click();
  const dialog = page.getByRole('dialog');
  await pickOption(page, dialog.getByTestId('move-parent'), '南江镇工会', '南江镇工会（');
  await dialog.getByTestId('move-submit').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('organisation-breadcrumb')).toContainText('南江镇工会');
  await expect(page.getByTestId('organisation-breadcrumb')).not.toContainText('沙河镇工会');

  await page.getByTestId('action-archive').click();
  await confirmPopup(page);
  await expect(page.getByTestId('organisation-detail').getByTestId('org-status').first()).toHaveText('已撤销');
  await page.getByTestId('action-restore').click();
  await confirmPopup(page);
  await expect(page.getByTestId('organisation-detail').getByTestId('org-status').first()).toHaveText('正常');
});

test('a township with active children cannot be archived: the server’s code is translated', async ({ page }) => {
  await login(page, 'nanjiang-staff');
  await treeNode(page, '南江镇工会').click();
  await expectDetailOf(page, '南江镇工会');
  await page.getByTestId('action-archive').click();
  await confirmPopup(page);
  await expect(page.locator('.ant-message')).toContainText('该组织下还有未撤销的下级组织，不能撤销');
});

test('an edit that lost the race reloads the record and says so', async ({ page, baseURL }) => {
  const name = `南江镇e2e并发测试工会${suffix()}`;
  await login(page, 'nanjiang-staff');
  await treeNode(page, '南江镇工会').click();
  const id = await createChildInUi(page, name);

  await page.getByTestId('action-edit').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('org-name')).toHaveValue(name);

  // Someone else saves first.
  const auth = await apiToken(baseURL ?? env('GONGHUI_E2E_BASE_URL'), 'nanjiang-staff');
  const read = await fetch(`${baseURL}/api/v1/organisations/${id}`, { headers: auth });
  const etag = read.headers.get('ETag') ?? '';
  const patch = await fetch(`${baseURL}/api/v1/organisations/${id}`, {
    method: 'PATCH',
    headers: { ...auth, 'Content-Type': 'application/json', 'If-Match': etag },
    body: JSON.stringify({ chair_name: '赵敏' }),
  });
  expect(patch.status).toBe(200);

  await dialog.getByTestId('org-chair-name').fill('钱进');
  await dialog.getByTestId('org-form-submit').click();
  await expect(dialog.getByTestId('stale-alert')).toBeVisible();
  await expect(dialog.getByTestId('org-chair-name')).toHaveValue('赵敏');

  await dialog.getByTestId('org-chair-name').fill('钱进');
  await dialog.getByTestId('org-form-submit').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('organisation-detail')).toContainText('钱进');
});
