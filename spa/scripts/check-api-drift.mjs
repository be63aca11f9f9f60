// Fails when src/api/schema.d.ts is not what openapi-typescript generates from ../openapi/openapi.json.
// Run `npm run gen:api` to fix, and commit the result together with the spec change.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const spec = resolve(root, '../openapi/openapi.json');
const committed = resolve(root, 'src/api/schema.d.ts');

if (!existsSync(spec)) {
  console.error(`check:api-drift: ${spec} is missing`);
  process.exit(1);
}
const dir = mkdtempSync(join(tmpdir(), 'gonghui-api-drift-'));
try {
  const generated = join(dir, 'schema.d.ts');
  const bin = resolve(root, 'node_modules/.bin/openapi-typescript');
  execFileSync(bin, [spec, '-o', generated], { stdio: ['ignore', 'ignore', 'inherit'] });
  const want = readFileSync(generated, 'utf8');
  const have = existsSync(committed) ? readFileSync(committed, 'utf8') : '';
  if (want !== have) {
    console.error('check:api-drift: src/api/schema.d.ts differs from what ../openapi/openapi.json generates.');
    console.error('Run `npm run gen:api` in spa/ and commit the result.');
    process.exit(1);
  }
  console.log('check:api-drift: src/api/schema.d.ts matches ../openapi/openapi.json');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
