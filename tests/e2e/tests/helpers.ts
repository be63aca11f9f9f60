import { expect, type Page } from '@playwright/test';

export function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: did global-setup.ts run?`);
  return value;
}

/** antd puts a space between two Chinese characters in a button ("登 录"). */
export const LOGIN_BUTTON = /登\s*录/;

export async function login(page: Page, username: string, password = env('GONGHUI_E2E_PASSWORD')) {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByRole('button', { name: LOGIN_BUTTON }).click();
}

/** The tree node with exactly this name. */
export function treeNode(page: Page, name: string) {
  return page.getByTestId('organisation-tree').locator(`[data-name="${name}"]`);
}

export async function expectDetailOf(page: Page, name: string) {
  await expect(page.getByTestId('organisation-name')).toHaveText(name);
}

/**
 * Picks an option of an antd select by typing into it (for server-side search selects), and waits until
 * the select shows it: a click that lands while the options are re-rendered for the search can close the
 * list without choosing, so it is tried again rather than letting the form submit without the value.
 */
export async function pickOption(page: Page, select: ReturnType<Page['getByTestId']>, search: string, optionText: string) {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    await select.click();
    await select.locator('input').fill(search);
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: optionText }).first();
    await option.waitFor();
    await option.click();
    try {
      await expect(select.locator('.ant-select-selection-item')).toContainText(optionText, { timeout: 2_000 });
      return;
    } catch {
      // not chosen: open the list and pick again
    }
  }
  await expect(select.locator('.ant-select-selection-item')).toContainText(optionText);
}

/** Confirms an antd Popconfirm ("确 定"). */
export async function confirmPopup(page: Page) {
  await page.locator('.ant-popconfirm:visible').getByRole('button', { name: /确\s*定/ }).click();
}

/** Logs in through the API and returns a bearer header (for preparing data behind the UI's back). */
export async function apiToken(baseURL: string, username: string): Promise<Record<string, string>> {
  const response = await fetch(`${baseURL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: env('GONGHUI_E2E_PASSWORD') }),
  });
  if (!response.ok) throw new Error(`login ${username}: ${response.status}`);
  const body = (await response.json()) as { access_token: string };
  return { Authorization: `Bearer ${body.access_token}` };
}

/** Creates a child organisation through the UI under the organisation shown, and returns its id. */
export async function createChildInUi(page: Page, name: string) {
  await page.getByTestId('action-create-child').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('org-name').fill(name);
  await dialog.getByTestId('org-form-submit').click();
  await expect(dialog).toBeHidden();
  await expectDetailOf(page, name);
  const id = page.url().split('/').pop();
  if (!id) throw new Error('no id in the URL');
  return id;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11643 check character for 17 digits (the same rule as spa/src/lib/id-number.ts). */
export function idCheckChar(first17: string): string {
  const sum = [...first17].reduce((acc, digit, i) => acc + Number(digit) * (ID_WEIGHTS[i] ?? 0), 0);
  return '10X98765432'.charAt(sum % 11);
}

/** A fresh valid ID number of someone born in 南江 (511922) in the given year, with a random date and sequence. */
export function freshIdNumber(year: number): string {
  const month = String(Math.floor(Math.random() * 12) + 1).padStart(2, '0');
  const day = String(Math.floor(Math.random() * 28) + 1).padStart(2, '0');
  const seq = String(Math.floor(Math.random() * 1000)).padStart(3, '0');
  const first17 = `511922${year}${month}${day}${seq}`;
  return `${first17}${idCheckChar(first17)}`;
}
