/**
 * Gate keys: how a gatekeeper's phone (the resident app's gatekeeper mode) is paired with one
 * checkpoint. A manager creates one per phone in the web app and shows it once as a QR; the
 * app keeps it and sends it as `X-Gate-Key`. It opens only that checkpoint's scan, "no app" and
 * day log — no unit, coverage or other checkpoint — and stops working when revoked or when the
 * checkpoint is retired. 32 random bytes; only their SHA-256 is stored, as for API keys.
 */
import { randomBytes } from 'node:crypto';
import { type Clock, ServerError } from '@bluezone/server';
import type { Context } from 'hono';
import type { RolloutDb } from '../rollout-db';
import { RolloutError } from '../rollout-error';
import { type Checkpoint, findGateKey, getCheckpoint, insertGateKey } from './checkpoints-repository';

export const GATE_KEY_PREFIX = 'bzg_';
export const GATE_KEY_HEADER = 'x-gate-key';

export async function createGateKey(
  db: RolloutDb,
  clock: Clock,
  checkpoint: Checkpoint,
  input: { label: string; createdBy: string },
): Promise<string> {
  if (checkpoint.retiredAt !== null) {
    throw new RolloutError(
      'checkpoint_retired',
      `checkpoint ${checkpoint.id} was retired; pair phones with one in use`,
    );
  }
  const key = `${GATE_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  await insertGateKey(db, clock, {
    checkpointId: checkpoint.id,
    key,
    label: input.label.trim(),
    createdBy: input.createdBy,
  });
  return key;
}

/**
 * The checkpoint the request's gate key opens, with the label its log entries get; undefined
 * when the request carries no gate key (the caller then checks the API key or session). A gate
 * key for another checkpoint than `checkpointId` is 403, an unknown or revoked one 401.
 */
export async function gateOfRequest(
  c: Context,
  db: RolloutDb,
  checkpointId?: number,
): Promise<{ checkpoint: Checkpoint; label: string } | undefined> {
  const presented = c.req.header(GATE_KEY_HEADER);
  if (presented === undefined) return undefined;
  const gate = presented.startsWith(GATE_KEY_PREFIX) ? await findGateKey(db, presented) : undefined;
  if (!gate) throw new ServerError('unauthorized', 401, 'unknown or revoked gate key: pair this phone again');
  if (checkpointId !== undefined && checkpointId !== gate.checkpointId) {
    throw new RolloutError('forbidden', 'this gate key opens another checkpoint');
  }
  return { checkpoint: await getCheckpoint(db, gate.checkpointId), label: `gate "${gate.label}" (#${gate.id})` };
}
