// Fails when the committed generated protobuf code differs from what `buf generate` makes
// from packages/protocol/proto (in the style of google/exposure-notifications-server's check).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const committed = 'packages/protocol/src/gen';
const tmp = mkdtempSync(join(tmpdir(), 'bluezone-proto-'));
try {
  const template = readFileSync('buf.gen.yaml', 'utf8').replace(`out: ${committed}`, `out: ${join(tmp, 'gen')}`);
  writeFileSync(join(tmp, 'buf.gen.yaml'), template);
  execFileSync('npx', ['buf', 'generate', 'packages/protocol/proto', '--template', join(tmp, 'buf.gen.yaml')], {
    stdio: 'inherit',
  });
  const stale = readdirSync(join(tmp, 'gen')).filter(
    (f) => readFileSync(join(tmp, 'gen', f), 'utf8') !== readFileSync(join(committed, f), 'utf8'),
  );
  if (stale.length > 0) {
    console.error(`generated protobuf code is stale (${stale.join(', ')}): run npm run proto:gen and commit`);
    process.exit(1);
  }
  console.log('protobuf code is up to date');
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
