/**
 * Gatekeeper mode's check of one visitor, on the gatekeeper's phone:
 *
 * 1. open the pass (@bluezone/protocol openCheckpointPass): the token's signature under the key
 *    it names, its age, and that its radio part is the one the token committed to; a pass that
 *    fails here is refused on the phone and never sent;
 * 2. listen for the committed rolling proximity identifier on the phone's own scanner
 *    (radio-listener.ts) — only a phone really advertising it is heard;
 * 3. send the server the token alone with `heard` or `not_heard`; the server checks the key
 *    belongs to an install, replay and recent activity, logs the visit and answers.
 *
 * The identifier and salt live in this call's memory and go nowhere: not to the server, not to
 * a log, not to the store (radio-commitment.ts in the protocol says why).
 */
import {
  type Clock,
  openCheckpointPass,
  ProtocolError,
  splitCheckpointPass,
  verifyCheckpointToken,
} from '@bluezone/protocol';
import type { checkpointsApi } from '@bluezone/protocol/api';
import { ClientError } from '../client-error';
import type { CheckpointGateApi, ScanOutcome } from './checkpoint-gate-client';
import { type ListenWindow, listenForRpi, RADIO_LISTEN_MS, type RadioSource } from './radio-listener';

/**
 * Why a pass was refused. The phone's own checks: `token_forged`, `token_expired`,
 * `token_outdated` (a BZC1 pass), `radio_mismatch` (the radio part is not the committed one),
 * `radio_missing` (a bare token, e.g. typed). Otherwise the server's problem code
 * (`token_replayed`, `token_forged` for a key no install registered, `checkpoint_retired`…).
 */
export type GateRefusal = { kind: 'refused'; code: string; message: string };
export type GateVerdict = { kind: 'checked'; outcome: ScanOutcome; rssi: number | null } | GateRefusal;

const LOCAL_CODES: Partial<Record<string, string>> = {
  invalid_checkpoint_token: 'token_forged',
  checkpoint_token_expired: 'token_expired',
  checkpoint_token_outdated: 'token_outdated',
  checkpoint_radio_mismatch: 'radio_mismatch',
};

export interface GatekeeperCheckOptions {
  radio: RadioSource;
  gate: CheckpointGateApi;
  clock: Clock;
  listenMs?: number;
  window?: ListenWindow;
}

export async function checkVisitorPass(
  o: GatekeeperCheckOptions,
  text: string,
  direction: checkpointsApi.Direction,
  signal?: AbortSignal,
): Promise<GateVerdict> {
  let opened: ReturnType<typeof openCheckpointPass>;
  try {
    const { token, radio } = splitCheckpointPass(text);
    if (radio === null) {
      // A bare token: refused for what is wrong with it first (an outdated app is told to update).
      verifyCheckpointToken(token, o.clock.now());
      return {
        kind: 'refused',
        code: 'radio_missing',
        message: 'the pass has no radio part: scan the QR on the phone',
      };
    }
    opened = openCheckpointPass(text, o.clock.now());
  } catch (err) {
    if (!(err instanceof ProtocolError)) throw err;
    return { kind: 'refused', code: LOCAL_CODES[err.code] ?? 'token_forged', message: err.message };
  }
  const heard = await listenForRpi(o.radio, opened.radio.rpi, {
    listenMs: o.listenMs ?? RADIO_LISTEN_MS,
    ...(o.window ? { window: o.window } : {}),
    ...(signal ? { signal } : {}),
  });
  try {
    const outcome = await o.gate.scan({ token: opened.token, direction, radio: heard.heard ? 'heard' : 'not_heard' });
    return { kind: 'checked', outcome, rssi: heard.heard ? heard.rssi : null };
  } catch (err) {
    if (err instanceof ClientError && err.code === 'server_rejected' && err.problemCode !== undefined) {
      return { kind: 'refused', code: err.problemCode, message: err.message };
    }
    throw err;
  }
}
