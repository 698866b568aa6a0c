/**
 * A server context on a test database with a manual clock: the key server's features by
 * default, or the ones a test passes (the rollout toolkit's tests pass the whole product).
 */
import {
  type Dialect,
  KEY_SERVER_FEATURES,
  loadConfig,
  ManualClock,
  openServerContext,
  type ServerConfig,
  type ServerContext,
  type ServerOptions,
  silentLogger,
} from '@bluezone/server';
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
  options: Partial<ServerOptions> = {},
): Promise<TestContext> {
  const testDb = await createTestDatabase(dialect);
  const clock = new ManualClock(TEST_EPOCH);
  const config = testConfig(testDb.dataDir, env);
  const ctx = await openServerContext(config, {
    features: KEY_SERVER_FEATURES,
    clock,
    logger: silentLogger,
    database: testDb.database,
    ...options,
  });
  return { ctx, clock, config, testDb, cleanup: () => testDb.cleanup() };
}
