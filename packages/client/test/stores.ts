// The stores every storage-backed test runs over: behaviour must be identical.
import { expoSqliteExecutor, MemoryStore, SqlStore } from '@bluezone/client';
import { openSqliteStore } from '@bluezone/client/sqlite';
import { fakeExpoSqlite } from './fake-expo-sqlite';

export const STORES = [
  { name: 'memory', open: async () => new MemoryStore() },
  { name: 'sqlite', open: () => openSqliteStore(':memory:') },
  { name: 'sqlite via the expo-sqlite executor', open: () => SqlStore.open(expoSqliteExecutor(fakeExpoSqlite())) },
] as const;
