/**
 * Install attestations: the app scans a unit's QR (or an invite link), names its home when the
 * QR was not its home's, and reports `{unitCode?, homeUnitCode?, referralCode? | volunteerCode?,
 * installId, appVersion, tracingActive, checkpointKey?}`. The install id is random on the phone
 * and never sent with, or derivable from, tracing keys. Repeats from one install count once; an
 * attestation naming another home moves the install there (and the move is recorded); who
 * brought it in is recorded once, at its first attestation (install-attribution.ts).
 */
import type { coverageApi } from '@bluezone/protocol/api';
import { RolloutError } from '../rollout-error';
import { canonicalCheckpointKey } from './install-key-binding';

export interface InstallAttestation {
  /** A scanned unit QR: an area is the home, an organisation or business brought the install in. */
  unitCode?: string;
  /** Where the person lives (an area), when the QR scanned was not their home's. */
  homeUnitCode?: string;
  /** From another install's invite link (a relative's). */
  referralCode?: string;
  /** From a drive volunteer's invite link. */
  volunteerCode?: string;
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
