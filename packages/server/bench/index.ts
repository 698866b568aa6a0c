/**
 * `@bluezone/server/bench`: the key server under load (`bluezone bench server`), kept out of the
 * server's main entry — production code never loads the load generator or the /proc readers.
 */
export * from './server-benchmark';
