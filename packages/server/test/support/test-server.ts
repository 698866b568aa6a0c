/** A server context (or full HTTP server) on a test database with a manual clock. */
import { ManualClock } from '../../src/clock';
import { loadConfig, type ServerConfig } from '../../src/config';
import type { Dialect } from '../../src/database/database';
import type { ServerContext } from '../../src/feature';
import { silentLogger } from '../../src/logging';
import { openServerContext, type ServerOptions } from '../../src/server';
import { createTestDatabase, type TestDatabase } from './test-database';

/** 2026-11-20T00:00:00Z: a fixed start so day boundaries in tests are predictable. */
export const TEST_EPOCH = Date.UTC(2026, 10, 20);

export interface TestContext {
  ctx: ServerContext;
  clock: ManualClock;
  config: ServerConfig;
  testDb: TestDatabase;
  cleanup(): Promise<void>;
}

export function testConfig(dataDir: string, env: Record<string, string> = {}): ServerConfig {
  return loadConfig({ BLUEZONE_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...env }, dataDir);
}

export async function createTestContext(
  dialect: Dialect,
  env: Record<string, string> = {},
  options: ServerOptions = {},
): Promise<TestContext> {
  const testDb = await createTestDatabase(dialect);
  const clock = new ManualClock(TEST_EPOCH);
  const config = testConfig(testDb.dataDir, env);
  const ctx = await openServerContext(config, { clock, logger: silentLogger, database: testDb.database, ...options });
  return { ctx, clock, config, testDb, cleanup: () => testDb.cleanup() };
}
