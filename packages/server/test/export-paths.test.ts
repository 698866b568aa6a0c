// Bad paths under /exports/ (issue: `/exports/VN/index.txt/x` and a 300-character name were a 500
// with an empty body and the server's folder in the log): each is a 404 problem body, from either
// blob store, and no log line names where the files are kept or carries an error.
import { createTestContext, DIALECTS, type TestContext } from '@bluezone/test-support/server';
import { afterEach, describe, expect, it } from 'vitest';
import { KEY_SERVER_FEATURES } from '../src/features';
import { createApp } from '../src/http/app';
import { createLogger } from '../src/logging';

const BAD_PATHS = [
  '/exports/VN/index.txt/x',
  '/exports/VN/index.txt/x/y',
  `/exports/VN/${'a'.repeat(300)}`,
  `/exports/VN/${'a'.repeat(250)}.zip`,
  `/exports/${'VN/'.repeat(80)}index.txt`,
  '/exports/',
  '/exports/VN',
  '/exports/VN/',
  '/exports//VN/index.txt',
  '/exports/VN/missing.zip',
  '/exports/..%2F..%2Fetc%2Fpasswd',
  '/exports/VN/index.txt%2Fx',
  '/exports/VN/a%00b.zip',
  '/exports/VN/%ZZ',
  '/exports/VN/chữ.zip',
  '/exports/VN/.',
  '/exports/VN/..',
  '/exports/VN/ index.txt',
];

describe.each(DIALECTS)('bad export paths on %s', (dialect) => {
  let t: TestContext;
  afterEach(async () => {
    await t.cleanup();
  });

  it.each(['folder', 'database'])('answers 404 problems from the %s store and logs no folder', async (store) => {
    t = await createTestContext(dialect, { EXPORT_STORE: store });
    const lines: string[] = [];
    t.ctx.logger = createLogger('debug', (line) => lines.push(line));
    await t.ctx.blobs.put('VN/index.txt', new TextEncoder().encode('VN/1-2-00001.zip\n'), 'text/plain');
    const app = createApp(t.ctx, KEY_SERVER_FEATURES);
    for (const path of BAD_PATHS) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toBe('application/problem+json');
      expect(await res.json(), path).toMatchObject({ status: 404, code: 'not_found' });
    }
    expect((await app.request('/exports/VN/index.txt')).status).toBe(200);
    const log = lines.join('\n');
    expect(log).not.toContain(t.testDb.dataDir);
    expect(log).not.toContain(t.config.exportDir);
    expect(lines.filter((l) => !l.includes('"level":"debug"'))).toEqual([]);
  });
});
