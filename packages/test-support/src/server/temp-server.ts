/**
 * A real key server on a free loopback port in a data folder of its own, silent, with its export
 * and rollout workers off: what a benchmark measures against. The caller names the features (the
 * district toolkit's come from @bluezone/rollout, which test-support does not load). The server
 * is stopped and its folder deleted once `run` has settled.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Feature, loadConfig, type RunningServer, startServer } from '@bluezone/server';
import { freePort } from '../free-port';

export async function withTempServer<T>(
  name: string,
  features: (env: Record<string, string>) => Feature[],
  run: (server: RunningServer) => Promise<T>,
): Promise<T> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `bz-${name}-`));
  const env = {
    BLUEZONE_DATA_DIR: dataDir,
    PORT: String(await freePort()),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    EXPORT_WORKER_INTERVAL_SECONDS: '0',
    ROLLOUT_WORKER_INTERVAL_SECONDS: '0',
  };
  const server = await startServer(loadConfig(env, dataDir), { features: features(env) });
  try {
    return await run(server);
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
