// The stores every storage-backed test runs over: behaviour must be identical.
import { expoSqliteExecutor, IndexedDbStore, MemoryStore, SqlStore } from '@bluezone/client';
import { openSqliteStore } from '@bluezone/client/sqlite';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { fakeExpoSqlite } from './fake-expo-sqlite';

export const STORES = [
  { name: 'memory', open: async () => new MemoryStore() },
  { name: 'sqlite', open: () => openSqliteStore(':memory:') },
  { name: 'sqlite via the expo-sqlite executor', open: () => SqlStore.open(expoSqliteExecutor(fakeExpoSqlite())) },
  // fake-indexeddb: the IndexedDB spec in JS (a fresh factory per store, like a fresh browser profile).
  { name: 'indexeddb (fake-indexeddb)', open: () => IndexedDbStore.open({ indexedDB: new IDBFactory(), IDBKeyRange }) },
] as const;
