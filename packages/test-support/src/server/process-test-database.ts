/**
 * A whole PostgreSQL database of its own for a test that runs real server processes: they take
 * DATABASE_URL only (no schema setting), so the schema-per-test isolation of test-database.ts
 * cannot reach them. Created on the shared test server, dropped with its connections after.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { POSTGRES_URL } from './test-database';

export interface ProcessTestDatabase {
  name: string;
  /** DATABASE_URL of the new database (same server, user and options as POSTGRES_URL). */
  url: string;
  /** The same URL pointed at another host:port (a proxy in front of the server). */
  urlVia(host: string, port: number): string;
  drop(): Promise<void>;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createProcessTestDatabase(prefix = 'bz_proc'): Promise<ProcessTestDatabase> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  await admin((c) => c.query(`create database ${name}`));
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    urlVia(host, port) {
      const via = new URL(url);
      via.hostname = host;
      via.port = String(port);
      return via.toString();
    },
    async drop() {
      await admin((c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}

/** Runs one query on the test server's maintenance connection (pg_stat_activity, pg_terminate_backend). */
export function queryTestServer<R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
  return admin(async (c) => (await c.query<R>(text, values)).rows);
}
