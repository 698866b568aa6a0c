/**
 * The app's calls to the district rollout API (packages/server/src/rollout/coverage-routes.ts):
 * `POST /api/rollout/attest` with the device API key, after scanning a unit's QR or an invite.
 * The install id is random and never sent with, or derivable from, tracing keys.
 */
import type { Fetch } from '@bluezone/client';
import { AppError } from './app-error';

export interface Attestation {
  unitCode?: string;
  referralCode?: string;
  installId: string;
  appVersion: string;
  tracingActive: boolean;
  /** Ed25519 public key (base64url) for checkpoint tokens. */
  checkpointKey: string;
}

export interface AttestationReceipt {
  unitCode: string;
  created: boolean;
  moved: boolean;
  broughtIn: boolean;
  /** What this install's own invite QR carries. */
  referralCode: string;
}

export interface RolloutApi {
  attest(a: Attestation): Promise<AttestationReceipt>;
}

export function httpRolloutApi(baseUrl: string, apiKey: string, fetch: Fetch): RolloutApi {
  return {
    async attest(a) {
      let res: Response;
      try {
        res = await fetch(`${baseUrl.replace(/\/+$/, '')}/api/rollout/attest`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
          body: JSON.stringify(a),
        });
      } catch (err) {
        throw new AppError('network', 'the server could not be reached', { cause: err });
      }
      const body = (await res.json().catch(() => ({}))) as Partial<AttestationReceipt> & { detail?: string };
      if (!res.ok) throw new AppError('rejected', body.detail ?? `the server answered ${res.status}`);
      if (typeof body.unitCode !== 'string' || typeof body.referralCode !== 'string') {
        throw new AppError('rejected', 'the server answered without a unit');
      }
      return body as AttestationReceipt;
    },
  };
}
