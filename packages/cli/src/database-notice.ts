/**
 * Every command that opens the server's database says which one on stderr, in one line, and warns
 * when it is about to create a new one: `bluezone user create` run without the server's
 * BLUEZONE_DATA_DIR would otherwise quietly make a fresh `./data` whose user the server never sees.
 */
import fs from 'node:fs';
import path from 'node:path';
import { accounts, createLogger, type Logger, type ServerConfig } from '@bluezone/server';

/** SQLite's file in a data directory (as the server opens it, server.ts). */
export const sqliteFile = (config: Pick<ServerConfig, 'dataDir'>) => path.join(config.dataDir, 'bluezone.sqlite');

/** `database: SQLite in /srv/bz/data (BLUEZONE_DATA_DIR)`, or PostgreSQL's host and database. */
export function databaseLine(config: ServerConfig, env: Record<string, string | undefined>, cwd: string): string {
  const db = accounts.describeDatabase(config, cwd);
  if (db.dialect === 'postgres') return `database: PostgreSQL at ${db.location} (DATABASE_URL)`;
  const why = env.BLUEZONE_DATA_DIR ? 'BLUEZONE_DATA_DIR' : 'the default ./data; BLUEZONE_DATA_DIR names another';
  return `database: SQLite in ${db.location} (${why})`;
}

/** The warning for a database that does not exist yet (SQLite: no file), or undefined. */
export function newDatabaseWarning(config: ServerConfig): string | undefined {
  if (config.databaseUrl !== '' || fs.existsSync(sqliteFile(config))) return undefined;
  return `warning: no database in ${config.dataDir} yet: creating a new, empty one (the server uses this one only if it runs with the same BLUEZONE_DATA_DIR)`;
}

/** Prints the two lines above with the command's prefix. */
export function announceDatabase(
  io: { stderr(line: string): void; env: Record<string, string | undefined>; cwd: string },
  config: ServerConfig,
): void {
  io.stderr(`bluezone: ${databaseLine(config, io.env, io.cwd)}`);
  const warning = newDatabaseWarning(config);
  if (warning) io.stderr(`bluezone: ${warning}`);
}

/** The first migration of any database: applied now means the database was empty (PostgreSQL's case). */
const FIRST_MIGRATION = 'core/0001_create_server_secret_and_lease';

/**
 * A logger that stays silent (commands print their own lines) but notes whether opening the
 * database created its schema from nothing.
 */
export function schemaWatcher(): { logger: Logger; createdSchema(): boolean } {
  let created = false;
  const logger = createLogger('info', (line) => {
    const entry = JSON.parse(line) as { msg?: string; migrations?: unknown };
    if (entry.msg === 'migrations applied' && Array.isArray(entry.migrations)) {
      created ||= entry.migrations.includes(FIRST_MIGRATION);
    }
  });
  return { logger, createdSchema: () => created };
}
