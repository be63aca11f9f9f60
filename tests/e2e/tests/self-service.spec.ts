//! Self-service (我的会籍) for a worker's own `member` account: nanjiang-member, linked to the demo member
//! 赵强 of 四川光雾山米业有限公司工会, lands on their membership, changes their mobile number (shown masked),
//! and asks to transfer to a union of another county (湖南三立, in 花垣) by that union's id.
import { expect, test } from '@playwright/test';
import { apiToken, env, login } from './helpers';

const UNION = '四川光雾山米业有限公司工会';
const TARGET = '湖南三立集团股份有限公司工会';

/** The id of the transfer's target, looked up as the admin (the worker cannot see a union of 花垣). */
async function targetId(): Promise<string> {
  const base = env('GONGHUI_E2E_BASE_URL');
  const response = await fetch(`${base}/api/v1/organisations?q=${encodeURIComponent('湖南三立')}&limit=10`, {
    headers: await apiToken(base, 'demo-admin'),
  });
  if (!response.ok) throw new Error(`organisations: ${response.status}`);
  const page = (await response.json()) as { items: { id: string; name: string }[] };
  const union = page.items.find((org) => org.name === TARGET);
  if (!union) throw new Error(`the demo data has no ${TARGET}`);
  return union.id;
}

test('a member account sees its own membership, changes its mobile and asks for a transfer', async ({ page }) => {
  const toId = await targetId();

  await login(page, 'nanjiang-member');
  // Lands on 我的会籍, not on the organisation tree.
  await expect(page).toHaveURL(/\/me$/);
  const menu = page.getByTestId('side-menu');
  await expect(menu.getByText('我的会籍', { exact: true })).toBeVisible();
  await expect(menu.getByText('会员管理', { exact: true })).toHaveCount(0);
  await expect(menu.getByText('会员审批', { exact: true })).toHaveCount(0);

  const card = page.getByTestId('my-membership-card');
  await expect(card.getByTestId('my-name')).toHaveText('赵强');
  await expect(card.getByTestId('my-union')).toHaveText(UNION);
  await expect(card.getByTestId('member-status')).toHaveText('正常');
  await expect(card.getByTestId('my-id-number')).toContainText('**********');
  await expect(card.getByTestId('my-mobile')).toHaveText('139****0001');

  // The history has the join; no requests yet.
  await expect(page.getByTestId('member-history')).toContainText('入会');
  await expect(page.getByTestId('my-requests')).toContainText('暂无入会或转会申请');

  // A new mobile: a wrong one is caught while typing, a right one is saved and shown masked.
  await card.getByTestId('my-mobile-edit').click();
  const mobile = card.getByTestId('my-mobile-input');
  await mobile.fill('1390827');
  await expect(card).toContainText('请输入正确的大陆手机号');
  await mobile.fill('139 0827 1234');
  await expect(card).not.toContainText('请输入正确的大陆手机号');
  await card.getByTestId('my-mobile-save').click();
  await expect(page.getByText('手机号已更新')).toBeVisible();
  await expect(card.getByTestId('my-mobile')).toHaveText('139****1234');
  await expect(card.getByTestId('my-mobile-input')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('my-membership-card').getByTestId('my-mobile')).toHaveText('139****1234');

  // Transfer to a union of another county, named by its id (pasted with blanks around it).
  await page.getByTestId('my-transfer').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(`转出工会：${UNION}`);
  await dialog.getByTestId('my-transfer-target').fill(`  ${toId}  `);
  await dialog.getByTestId('my-transfer-reason').fill('外出务工到湖南');
  await dialog.getByTestId('my-transfer-submit').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`已提交转入“${TARGET}”的转会申请`)).toBeVisible();

  const row = page.getByTestId('my-requests').locator('tr.ant-table-row').first();
  await expect(row).toContainText('转会');
  await expect(row.getByTestId('request-route')).toHaveText(`${UNION} → ${TARGET}`);
  await expect(row).toContainText('外出务工到湖南');
  await expect(row.getByTestId('request-status')).toHaveText('待审批');
  // One open request at a time.
  await expect(page.getByTestId('my-transfer')).toBeDisabled();
});

test('the member account cannot open the staff pages', async ({ page }) => {
  await login(page, 'nanjiang-member');
  await expect(page).toHaveURL(/\/me$/);
  await page.goto('/members');
  await expect(page.getByText('没有权限', { exact: true })).toBeVisible();
});
