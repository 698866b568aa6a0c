/**
 * WAL checkpoints on a worker thread. By default SQLite checkpoints inside the commit that
 * grows the WAL past 1000 pages (https://www.sqlite.org/wal.html#automatic_checkpoint): that
 * commit copies the WAL back into the database file and fsyncs both, on the event loop, so
 * every request queued behind it waits (measured under `bluezone bench server`: commits were
 * ~30% of a publish's CPU time, checkpoints most of it). A long-running server instead turns
 * the automatic checkpoint off on its connection and lets a second connection on a worker
 * thread run PASSIVE checkpoints every `intervalMs`: they never block the writer, and the
 * WAL is reused from its start once a checkpoint has caught up, so it stays bounded.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** The worker's own code: plain CommonJS, so it needs no TypeScript loader. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // SQLITE_BUSY or a closing database: the next tick tries again
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

export interface SqliteCheckpointer {
  /** Runs a last checkpoint and closes the worker's connection. */
  stop(): Promise<void>;
}

/**
 * Starts checkpointing `file` on a worker thread. `onFailure` runs if the worker cannot
 * start or dies, so the caller can turn automatic checkpoints back on.
 */
export function startSqliteCheckpointer(
  file: string,
  intervalMs: number,
  onFailure: (err: Error) => void,
): SqliteCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file, intervalMs } });
  worker.unref(); // never what keeps a process alive
  let stopped = false;
  let failed = false;
  const fail = (err: Error) => {
    if (stopped || failed) return;
    failed = true;
    onFailure(err);
  };
  worker.once('error', fail);
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', (code) => {
      fail(new Error(`WAL checkpoint worker exited with code ${code}`));
      resolve();
    }),
  );
  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      // Referenced again while it stops: an unreferenced worker is all that is left at
      // shutdown, and a process whose event loop empties exits (code 13) before it ends.
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}
