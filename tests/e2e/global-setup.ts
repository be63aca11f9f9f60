//! Starts the real API on a fresh temporary SQLite database, loads the demo data and serves the built
//! SPA from the same port. Fails loudly when the browser, the API binary or the SPA build is missing.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FullConfig } from '@playwright/test';
import { CHROMIUM } from './playwright.config';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');

/** Every demo account gets this password (it satisfies the API's password rule). */
export const DEMO_PASSWORD = 'E2e-Demo-Pass-2024';

function fail(message: string): never {
  throw new Error(`\n\n[e2e setup] ${message}\n`);
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function run(bin: string, args: string[], env: NodeJS.ProcessEnv, input?: string): void {
  const result = spawnSync(bin, args, { env, input, encoding: 'utf8' });
  if (result.status !== 0) {
    fail(`\`gonghui ${args.join(' ')}\` failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}

async function waitForHealth(base: string, server: ChildProcess, log: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) fail(`the API exited with ${server.exitCode}:\n${readFileSync(log, 'utf8')}`);
    try {
      const response = await fetch(`${base}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  fail(`the API did not answer /healthz within 30 s:\n${readFileSync(log, 'utf8')}`);
}

async function api<T>(base: string, path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    ...init,
    headers: { 'Content-Type': 'application/json', ...(init.headers ?? {}) },
  });
  if (!response.ok) fail(`${init.method ?? 'GET'} ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

export default async function globalSetup(_config: FullConfig) {
  if (!existsSync(CHROMIUM)) {
    fail(`no browser at ${CHROMIUM}. Install Debian's: apt-get install -y chromium fonts-noto-cjk (never \`npx playwright install\`).`);
  }
  const bin = process.env.GONGHUI_BIN ?? resolve(repo, process.env.CARGO_TARGET_DIR ?? 'target', 'debug/gonghui');
  if (!existsSync(bin)) fail(`no API binary at ${bin}. Build it from the repo root: cargo build -p gonghui-api`);
  const spaDir = process.env.GONGHUI_SPA_DIR ?? resolve(repo, 'spa/dist');
  if (!existsSync(join(spaDir, 'index.html'))) fail(`no SPA build at ${spaDir}. Build it: (cd spa && npm ci && npm run build)`);

  const dir = mkdtempSync(join(tmpdir(), 'gonghui-e2e-'));
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: `sqlite://${join(dir, 'e2e.db')}` };
  run(bin, ['migrate'], env);
  run(bin, ['demo', '--password-stdin'], env, `${DEMO_PASSWORD}\n`);

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const log = join(dir, 'serve.log');
  const out = openSync(log, 'a');
  const server = spawn(bin, ['serve', '--bind', `127.0.0.1:${port}`, '--spa-dir', spaDir], {
    env,
    stdio: ['ignore', out, out],
  });
  try {
    await waitForHealth(base, server, log);

    // Facts the tests need, looked up through the API as the admin.
    const tokens = await api<{ access_token: string }>(base, '/api/v1/auth/login', {
      method: 'POST',
      body: JSON.stringify({ username: 'demo-admin', password: DEMO_PASSWORD }),
    });
    const page = await api<{ items: { id: string; name: string }[] }>(
      base,
      `/api/v1/organisations?q=${encodeURIComponent('花垣县总工会')}&limit=10`,
      { headers: { Authorization: `Bearer ${tokens.access_token}` } },
    );
    const huayuan = page.items.find((org) => org.name === '花垣县总工会');
    if (!huayuan) fail('the demo data has no 花垣县总工会');

    process.env.GONGHUI_E2E_BASE_URL = base;
    process.env.GONGHUI_E2E_PASSWORD = DEMO_PASSWORD;
    process.env.GONGHUI_E2E_HUAYUAN_ID = huayuan.id;
  } catch (error) {
    server.kill('SIGTERM');
    throw error;
  }

  return async () => {
    if (server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (server.exitCode === null) server.kill('SIGKILL');
    }
    if (process.env.GONGHUI_E2E_KEEP) console.log(`[e2e] kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  };
}
