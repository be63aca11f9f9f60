import { expect, test } from '@playwright/test';
import { login } from './helpers';

test('a wrong password shows the translated error', async ({ page }) => {
  await login(page, 'nanjiang-staff', 'not-the-password-1');
  await expect(page.getByRole('alert')).toContainText('用户名或密码错误');
  await expect(page).toHaveURL(/\/login$/);
});

test('the login page switches to English', async ({ page }) => {
  await page.goto('/login');
  await page.getByTestId('language-switch').getByText('English').click();
  await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
  await page.getByTestId('login-username').fill('nanjiang-staff');
  await page.getByTestId('login-password').fill('not-the-password-1');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert')).toContainText('Wrong username or password');
});
