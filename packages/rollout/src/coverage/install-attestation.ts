/**
 * Install attestations: the app scans a unit's QR (or an invite link) and reports
 * `{unitCode, installId, appVersion, tracingActive}`. The install id is random on the phone
 * and never sent with, or derivable from, tracing keys. Repeats from one install count once;
 * an attestation naming another unit moves the install there (and the move is recorded).
 */
import type { coverageApi } from '@bluezone/protocol/api';
import { RolloutError } from '../rollout-error';
import { canonicalCheckpointKey } from './install-key-binding';

export interface InstallAttestation {
  unitCode?: string;
  /** From another install's invite link: counts this install as brought in for that unit. */
  referralCode?: string;
  installId: string;
  appVersion: string;
  tracingActive: boolean;
  /** Ed25519 public key (base64url, 32 bytes) for checkpoint tokens; bound to the install (install-key-binding.ts). */
  checkpointKey?: string;
  /** The bound key's signature over a new `checkpointKey` (protocol checkpoint/checkpoint-rekey.ts). */
  rekeySignature?: string;
}

/** The answer's fields but the invite link, which the route builds from the referral code. */
export type AttestationResult = Omit<coverageApi.AttestationReceipt, 'inviteLink'>;

export const INSTALL_ID = /^[A-Za-z0-9_-]{16,64}$/;

/** Checks what the app sent before anything is stored; the key comes back in its one canonical text. */
export function validateAttestation(a: InstallAttestation): InstallAttestation {
  if (!INSTALL_ID.test(a.installId))
    throw new RolloutError('invalid_input', 'installId must be 16–64 base64url characters');
  return a.checkpointKey === undefined ? a : { ...a, checkpointKey: canonicalCheckpointKey(a.checkpointKey) };
}
