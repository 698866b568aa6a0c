/**
 * A bounded load generator: at most `concurrency` requests in flight, over keep-alive HTTP/1.1
 * connections (node:http, lighter than fetch), spread round-robin over the server processes.
 * Records each request's latency; the caller reads percentiles.
 */
import http from 'node:http';

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface LoadResponse {
  status: number;
  body: string;
}

export interface StageResult<T> {
  results: T[];
  seconds: number;
  latenciesMs: number[];
  errors: number;
}

export class LoadGenerator {
  private readonly agent: http.Agent;
  private next = 0;

  constructor(
    private readonly ports: readonly number[],
    readonly concurrency: number,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  }

  send(req: LoadRequest): Promise<LoadResponse> {
    const port = this.ports[this.next++ % this.ports.length] as number;
    const payload = req.body === undefined ? undefined : JSON.stringify(req.body);
    return new Promise((resolve, reject) => {
      const r = http.request(
        {
          host: '127.0.0.1',
          port,
          method: req.method,
          path: req.path,
          agent: this.agent,
          headers: {
            ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
            ...req.headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      r.on('error', reject);
      r.end(payload);
    });
  }

  /** Sends `count` requests built by `build(i)`, `concurrency` at a time; `parse` turns a 2xx into a result. */
  async stage<T>(
    count: number,
    build: (i: number) => LoadRequest,
    parse: (res: LoadResponse, i: number) => T,
  ): Promise<StageResult<T>> {
    const results: T[] = new Array(count);
    const latenciesMs: number[] = new Array(count);
    let errors = 0;
    let cursor = 0;
    const started = performance.now();
    const worker = async () => {
      for (;;) {
        const i = cursor++;
        if (i >= count) return;
        const t0 = performance.now();
        try {
          const res = await this.send(build(i));
          if (res.status >= 200 && res.status < 300) results[i] = parse(res, i);
          else errors++;
        } catch {
          errors++; // connection reset or refused: counted, the run goes on
        }
        latenciesMs[i] = performance.now() - t0;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, count) }, worker));
    return { results, seconds: (performance.now() - started) / 1000, latenciesMs, errors };
  }

  close(): void {
    this.agent.destroy();
  }
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round((sorted[idx] as number) * 100) / 100;
}
