/**
 * The app's calls to the district rollout API (@bluezone/protocol/api rollout/coverage.ts):
 * `POST /api/rollout/attest` with the device API key, after scanning a unit's QR or an invite.
 * The install id is random and never sent with, or derivable from, tracing keys. The answer is
 * parsed with the contract's schema: the app stores and shows it.
 */
import type { Fetch } from '@bluezone/client';
import { coverageApi, type Problem } from '@bluezone/protocol/api';
import { AppError } from './app-error';

/** What the app reports; it always sends its checkpoint key (Ed25519 public key, base64url). */
export type Attestation = coverageApi.AttestRequest & { checkpointKey: string };

/** The server's receipt; the invite link is built on the phone from the referral code. */
export type AttestationReceipt = Omit<coverageApi.AttestationReceipt, 'inviteLink'>;

export interface RolloutApi {
  attest(a: Attestation): Promise<AttestationReceipt>;
}

export function httpRolloutApi(baseUrl: string, apiKey: string, fetch: Fetch): RolloutApi {
  return {
    async attest(a) {
      let res: Response;
      try {
        res = await fetch(`${baseUrl.replace(/\/+$/, '')}${coverageApi.attest.path}`, {
          method: coverageApi.attest.method,
          headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
          body: JSON.stringify(a),
        });
      } catch (err) {
        throw new AppError('network', 'the server could not be reached', { cause: err });
      }
      const body: unknown = await res.json().catch(() => ({}));
      if (!res.ok) {
        const problem = (body ?? {}) as Partial<Problem>;
        throw new AppError('rejected', problem.detail ?? `the server answered ${res.status}`, {
          problem: {
            status: res.status,
            code: problem.code,
            field: problem.field,
            entries: problem.details?.errors,
            requestId: problem.requestId ?? res.headers.get('x-request-id') ?? undefined,
          },
        });
      }
      const receipt = coverageApi.attestationReceipt.safeParse(body);
      if (!receipt.success) throw new AppError('rejected', 'the server answered without a unit');
      const { inviteLink: _, ...kept } = receipt.data;
      return kept;
    },
  };
}
