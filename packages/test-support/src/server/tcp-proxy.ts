/**
 * A TCP proxy on loopback that a test controls, to take a service away from the process under
 * test without touching the service itself (other tests share the PostgreSQL server):
 * - `cut()` resets every open connection and refuses new ones (a restart, failover or network
 *   drop as the client sees it); `restore()` accepts again;
 * - with several upstreams it is a round-robin balancer ("one address" in front of N server
 *   processes): a connection goes to the next upstream that accepts it, so a dead one is skipped.
 */
import net from 'node:net';

export interface TcpUpstream {
  host: string;
  port: number;
}

export interface TcpProxy {
  /** Where clients connect. */
  readonly host: string;
  readonly port: number;
  /** Open client connections (each with its upstream). */
  readonly openConnections: number;
  /** Connections accepted since start. */
  readonly accepted: number;
  /** Reset every open connection and refuse new ones until restore(). */
  cut(): void;
  restore(): void;
  /** Replace the upstreams new connections go to (open ones stay where they are). */
  setUpstreams(upstreams: readonly TcpUpstream[]): void;
  close(): Promise<void>;
}

export async function startTcpProxy(upstreams: readonly TcpUpstream[]): Promise<TcpProxy> {
  let targets = [...upstreams];
  let next = 0;
  let down = false;
  let accepted = 0;
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket | undefined }>();

  const connectUpstream = (tries: number): Promise<net.Socket> =>
    new Promise((resolve, reject) => {
      const target = targets[next++ % Math.max(1, targets.length)];
      if (!target) {
        reject(new Error('no upstream'));
        return;
      }
      const socket = net.connect(target.port, target.host);
      socket.once('connect', () => {
        socket.removeAllListeners('error');
        resolve(socket);
      });
      socket.once('error', (err) => {
        socket.destroy();
        if (tries > 1) connectUpstream(tries - 1).then(resolve, reject);
        else reject(err);
      });
    });

  const server = net.createServer((client) => {
    accepted++;
    if (down) {
      client.resetAndDestroy();
      return;
    }
    const pair: { client: net.Socket; upstream: net.Socket | undefined } = { client, upstream: undefined };
    pairs.add(pair);
    client.pause();
    const drop = () => {
      pairs.delete(pair);
      if (!client.destroyed) client.resetAndDestroy();
      if (pair.upstream && !pair.upstream.destroyed) pair.upstream.resetAndDestroy();
    };
    client.on('error', drop);
    client.on('close', drop);
    connectUpstream(Math.max(1, targets.length)).then(
      (upstream) => {
        if (!pairs.has(pair) || down) {
          upstream.resetAndDestroy();
          drop();
          return;
        }
        pair.upstream = upstream;
        upstream.on('error', drop);
        upstream.on('close', drop);
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      },
      () => drop(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address() as net.AddressInfo;
  const cut = () => {
    down = true;
    for (const pair of [...pairs]) {
      pairs.delete(pair);
      pair.client.resetAndDestroy();
      pair.upstream?.resetAndDestroy();
    }
  };
  return {
    host: '127.0.0.1',
    port: address.port,
    get openConnections() {
      return pairs.size;
    },
    get accepted() {
      return accepted;
    },
    cut,
    restore() {
      down = false;
    },
    setUpstreams(list) {
      targets = [...list];
    },
    async close() {
      cut();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
