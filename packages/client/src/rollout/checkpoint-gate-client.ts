/**
 * The gatekeeper's phone talking to the rollout toolkit with its gate key (`X-Gate-Key`, made
 * by a unit manager in the web app and scanned once): which checkpoint it guards, each
 * visitor's token with whether the radio was heard, "no app" visitors, the day's log. The
 * answers are parsed with the contracts of @bluezone/protocol/api; only a pass's token is ever
 * sent, never its radio part.
 */
import { checkpointsApi, type Endpoint, endpointPath, type RequestOf, type ResponseOf } from '@bluezone/protocol/api';
import { ClientError } from '../client-error';
import { type Fetch, trimSlash } from '../report/key-server-client';

export type GateCheckpoint = checkpointsApi.Checkpoint;
export type ScanOutcome = checkpointsApi.ScanOutcome;
export type CheckpointDay = checkpointsApi.CheckpointDay;

/** What gatekeeper mode needs of the server; the HTTP client below, or a fake in tests. */
export interface CheckpointGateApi {
  gate(): Promise<GateCheckpoint>;
  scan(input: {
    token: string;
    direction: checkpointsApi.Direction;
    radio: 'heard' | 'not_heard';
  }): Promise<ScanOutcome>;
  noApp(input: { direction: checkpointsApi.Direction; reason: string }): Promise<void>;
  day(): Promise<CheckpointDay>;
}

/** A gate key as the manager's QR shows it. */
export const GATE_KEY_PATTERN = /^bzg_[A-Za-z0-9_-]{43}$/;

export class CheckpointGateClient implements CheckpointGateApi {
  #checkpointId: number | undefined;

  constructor(private readonly o: { baseUrl: string; gateKey: string; fetch: Fetch }) {
    if (!GATE_KEY_PATTERN.test(o.gateKey)) throw new ClientError('invalid_argument', 'not a Bluezone gate key');
  }

  async gate(): Promise<GateCheckpoint> {
    const { checkpoint } = await this.#call(checkpointsApi.getGate, checkpointsApi.getGate.path);
    this.#checkpointId = checkpoint.id;
    return checkpoint;
  }

  async scan(input: RequestOf<typeof checkpointsApi.scanToken>): Promise<ScanOutcome> {
    return this.#call(
      checkpointsApi.scanToken,
      endpointPath(checkpointsApi.scanToken, { id: await this.#id() }),
      input,
    );
  }

  async noApp(input: RequestOf<typeof checkpointsApi.recordNoApp>): Promise<void> {
    await this.#call(
      checkpointsApi.recordNoApp,
      endpointPath(checkpointsApi.recordNoApp, { id: await this.#id() }),
      input,
    );
  }

  async day(): Promise<CheckpointDay> {
    return this.#call(
      checkpointsApi.getCheckpointDay,
      endpointPath(checkpointsApi.getCheckpointDay, { id: await this.#id() }),
    );
  }

  async #id(): Promise<number> {
    return this.#checkpointId ?? (await this.gate()).id;
  }

  async #call<E extends Endpoint & { response: object }>(
    endpoint: E,
    path: string,
    body?: unknown,
  ): Promise<ResponseOf<E>> {
    const url = `${trimSlash(this.o.baseUrl)}${path}`;
    let response: Response;
    try {
      response = await this.o.fetch(url, {
        method: endpoint.method,
        headers: { accept: 'application/json', 'content-type': 'application/json', 'x-gate-key': this.o.gateKey },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (err) {
      throw new ClientError('network', `${endpoint.method} ${path} failed: ${(err as Error).message}`, { cause: err });
    }
    const json: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const problem = (typeof json === 'object' && json !== null ? json : {}) as { code?: unknown; detail?: unknown };
      const code = typeof problem.code === 'string' ? problem.code : undefined;
      throw new ClientError(
        'server_rejected',
        `${endpoint.method} ${path}: ${typeof problem.detail === 'string' ? problem.detail : `HTTP ${response.status}`}`,
        { status: response.status, ...(code !== undefined ? { problemCode: code } : {}) },
      );
    }
    const parsed = (endpoint.response as E['response']).safeParse(json);
    if (!parsed.success) {
      throw new ClientError('invalid_response', `${endpoint.method} ${path}: the answer is not as the API defines it`, {
        status: response.status,
      });
    }
    return parsed.data as ResponseOf<E>;
  }
}
