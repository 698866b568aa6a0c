// The stores every storage-backed test runs over: behaviour must be identical.
import { MemoryStore } from '@bluezone/client';
import { openSqliteStore } from '@bluezone/client/sqlite';

export const STORES = [
  { name: 'memory', open: async () => new MemoryStore() },
  { name: 'sqlite', open: () => openSqliteStore(':memory:') },
] as const;
