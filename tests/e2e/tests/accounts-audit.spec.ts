//! Accounts (integration secret shown once) and the audit log.
import { expect, test } from '@playwright/test';
import { login, pickOption } from './helpers';

test('federation staff create an integration account and see its secret once', async ({ page, baseURL }) => {
  const username = `e2e-sync-${Date.now().toString().slice(-6)}`;
  await login(page, 'nanjiang-staff');
  await page.getByTestId('side-menu').getByText('账号管理').click();
  await expect(page.getByTestId('account-results')).toContainText('nanjiang-officer');

  await page.getByTestId('create-account').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('account-username').fill(username);
  await dialog.getByTestId('account-display-name').fill('工资数据同步');
  await dialog.getByTestId('account-role').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '第三方系统' }).click();
  await pickOption(page, dialog.getByTestId('account-organisation'), '南江县总工会', '南江县总工会（');
  await dialog.getByTestId('account-scopes').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'organisations:read' }).click();
  await dialog.getByTestId('account-form-submit').click();

  const secret = page.getByTestId('client-secret');
  await expect(secret).toBeVisible();
  const clientSecret = (await secret.textContent())?.trim() ?? '';
  expect(clientSecret.length).toBeGreaterThan(10);

  // The secret works for the client-credentials grant.
  const token = await fetch(`${baseURL}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credentials', client_id: username, client_secret: clientSecret }),
  });
  expect(token.status).toBe(200);

  await page.getByRole('dialog').getByRole('button', { name: /关\s*闭/ }).click();
  await expect(page.getByTestId('account-results')).toContainText(username);
});

test('the admin reads the audit log; staff do not get the page', async ({ page }) => {
  await login(page, 'demo-admin');
  await page.getByTestId('side-menu').getByText('审计日志').click();
  await expect(page).toHaveURL(/\/audit$/);
  await expect(page.getByTestId('audit-results').locator('tbody tr').first()).toBeVisible();

  await page.getByTestId('logout').click();
  await expect(page).toHaveURL(/\/login$/);
  await login(page, 'nanjiang-staff');
  await expect(page).toHaveURL(/\/organisations$/);
  await page.goto('/audit');
  await expect(page.getByText('没有权限')).toBeVisible();
});
