/**
 * A versioned schema change. Each feature folder exports its migrations as a record keyed
 * `0001_what_it_does`; the Migrator runs them in number order per feature, once, at start.
 * The few types that differ between SQLite and PostgreSQL come from `columnTypes`.
 */
import type { CreateTableBuilder, Kysely } from 'kysely';
import type { Dialect } from './database';

export interface ServerMigration {
  // biome-ignore lint/suspicious/noExplicitAny: migrations run before the typed schema exists
  up(db: Kysely<any>, dialect: Dialect): Promise<void>;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  down(db: Kysely<any>, dialect: Dialect): Promise<void>;
}

export type MigrationSet = Record<string, ServerMigration>;

export function columnTypes(dialect: Dialect) {
  return {
    bytes: dialect === 'postgres' ? ('bytea' as const) : ('blob' as const),
    /** Millisecond times and counts: int8 on PostgreSQL, INTEGER (64-bit) on SQLite. */
    bigint: 'bigint' as const,
  };
}

/** An auto-increment integer primary key named `id`. */
export function withIdColumn<T extends string>(
  table: CreateTableBuilder<T, never>,
  dialect: Dialect,
): CreateTableBuilder<T, 'id'> {
  return dialect === 'postgres'
    ? table.addColumn('id', 'bigserial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}
