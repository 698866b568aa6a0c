/**
 * Gatekeeper mode: a resident app paired with one office checkpoint checks visitors' passes
 * with its own Bluetooth scanner. Pairing takes the gate key a unit manager shows as a QR in
 * the web app (kept in the app's settings); each check opens the visitor's pass, listens for
 * the identifier it committed to, and sends the server the token and whether the radio heard it
 * (@bluezone/client gatekeeper-check.ts). The identifier stays in this check's memory: nothing
 * here stores or shows it.
 */

import type { ClientStore } from '@bluezone/client';
import {
  type CheckpointGateApi,
  checkVisitorPass,
  GATE_KEY_PATTERN,
  type GateCheckpoint,
  type GateVerdict,
  type ListenWindow,
  type RadioSource,
} from '@bluezone/client';
import type { Clock } from '@bluezone/protocol';
import { AppError } from './app-error';

export type GateDirection = 'entry' | 'exit';

/** The last visitor: a pass checked (or refused), or logged as having no app, with the reason. */
export type GateLast = GateVerdict | { kind: 'no_app'; reason: string };

export interface GatekeeperState {
  /** The checkpoint this phone is paired with; null until a gate key is scanned. */
  checkpoint: GateCheckpoint | null;
  direction: GateDirection;
  /** True while a pass is being checked (listening for the visitor's phone). */
  checking: boolean;
  last: GateLast | null;
}

export interface GatekeeperServices {
  store: ClientStore;
  clock: Clock;
  /** The rollout toolkit's gate endpoints for a gate key; absent in a build without a server. */
  gateApi?: (gateKey: string) => CheckpointGateApi;
  /** The phone's scanner (the SDK's transport). */
  radio: RadioSource;
  /** How long to listen; default the SDK's RADIO_LISTEN_MS. Tests pass their own window. */
  window?: ListenWindow;
}

const S = { gateKey: 'app.gateKey', gateCheckpoint: 'app.gateCheckpoint' } as const;

export class GatekeeperMode {
  #state: GatekeeperState = { checkpoint: null, direction: 'entry', checking: false, last: null };
  readonly #listeners = new Set<() => void>();
  #api: CheckpointGateApi | undefined;

  constructor(private readonly s: GatekeeperServices) {}

  get state(): GatekeeperState {
    return this.#state;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  #set(patch: Partial<GatekeeperState>): void {
    this.#state = { ...this.#state, ...patch };
    for (const l of this.#listeners) l();
  }

  /** Restores a pairing the phone remembers. */
  async load(): Promise<void> {
    const key = await this.s.store.getSetting(S.gateKey);
    const checkpoint = await this.s.store.getSetting(S.gateCheckpoint);
    if (!key || !checkpoint || this.s.gateApi === undefined) return;
    this.#api = this.s.gateApi(key);
    this.#set({ checkpoint: JSON.parse(checkpoint) as GateCheckpoint });
  }

  /** Pairs with the checkpoint whose gate key `qrText` is; the server confirms which one it is. */
  async pair(qrText: string): Promise<GateCheckpoint> {
    const key = qrText.trim();
    if (!GATE_KEY_PATTERN.test(key)) throw new AppError('invalid_qr', 'this QR is not a checkpoint gate key');
    if (this.s.gateApi === undefined) throw new AppError('network', 'this build has no server to pair with');
    const api = this.s.gateApi(key);
    const checkpoint = await api.gate();
    await this.s.store.setSetting(S.gateKey, key);
    await this.s.store.setSetting(S.gateCheckpoint, JSON.stringify(checkpoint));
    this.#api = api;
    this.#set({ checkpoint, last: null });
    return checkpoint;
  }

  async unpair(): Promise<void> {
    // Settings have no delete: an empty value is "not paired", and the key is gone from the store.
    await this.s.store.setSetting(S.gateKey, '');
    await this.s.store.setSetting(S.gateCheckpoint, '');
    this.#api = undefined;
    this.#set({ checkpoint: null, last: null });
  }

  setDirection(direction: GateDirection): void {
    this.#set({ direction });
  }

  /** Logs a visitor without the app, with the reason the gatekeeper picked or typed. */
  async recordNoApp(reason: string): Promise<void> {
    if (this.#api === undefined) throw new AppError('not_joined', 'pair this phone with a checkpoint first');
    const said = reason.trim();
    if (said === '') throw new AppError('invalid_code', 'say why the visitor has no app');
    this.#set({ checking: true, last: null });
    try {
      await this.#api.noApp({ direction: this.#state.direction, reason: said });
      this.#set({ last: { kind: 'no_app', reason: said } });
    } finally {
      this.#set({ checking: false });
    }
  }

  /** Checks one visitor's pass (the text of their QR); the verdict is also kept in `state.last`. */
  async check(passText: string): Promise<GateVerdict> {
    if (this.#api === undefined) throw new AppError('not_joined', 'pair this phone with a checkpoint first');
    this.#set({ checking: true, last: null });
    try {
      const verdict = await checkVisitorPass(
        {
          radio: this.s.radio,
          gate: this.#api,
          clock: this.s.clock,
          ...(this.s.window ? { window: this.s.window } : {}),
        },
        passText,
        this.#state.direction,
      );
      this.#set({ last: verdict });
      return verdict;
    } finally {
      this.#set({ checking: false });
    }
  }
}
