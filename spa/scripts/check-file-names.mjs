// Source files are kebab-case (tests: `<name>.test.ts(x)`; the generated schema.d.ts is exempt).
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('../src', import.meta.url).pathname;
const ok = /^[a-z0-9]+(-[a-z0-9]+)*(\.test)?\.(ts|tsx)$|^zh-CN\.ts$|^schema\.d\.ts$/;
const bad = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name)) bad.push(relative(root, path));
      walk(path);
    } else if (!ok.test(name) && name !== 'vite-env.d.ts') {
      bad.push(relative(root, path));
    }
  }
};
walk(root);
if (bad.length) {
  console.error(`Not kebab-case:\n  ${bad.join('\n  ')}`);
  process.exit(1);
}
