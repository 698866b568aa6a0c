/**
 * The app's calls to the district rollout API (@bluezone/protocol/api rollout/coverage.ts and
 * units.ts), with the device API key: `POST /api/rollout/attest` after scanning a unit's QR or an
 * invite, and `GET /api/rollout/home-units` for the home unit's name and health station. The
 * install id is random and never sent with, or derivable from, tracing keys; the home-units call
 * sends nothing about the install. Answers are parsed with the contract's schemas.
 */
import type { Fetch } from '@bluezone/client';
import { coverageApi, type Problem, unitsApi } from '@bluezone/protocol/api';
import { AppError } from './app-error';

/** What the app reports; it always sends its checkpoint key (Ed25519 public key, base64url). */
export type Attestation = coverageApi.AttestRequest & { checkpointKey: string };

/** The server's receipt; the invite link is built on the phone from the referral code. */
export type AttestationReceipt = Omit<coverageApi.AttestationReceipt, 'inviteLink'>;

export type HealthStation = unitsApi.HealthStation;

/** The resident's home unit as the app shows it: its name, the area above it, its health station. */
export interface HomeUnit {
  code: string;
  name: string;
  /** The commune or town of a village ("Thôn 1" alone names no place), or null. */
  parentName: string | null;
  healthStation: HealthStation | null;
}

/** A place the resident may pick as home: its code and a name that says where it is ("Thôn 1, Xã Hương Phú"). */
export interface HomeUnitChoice {
  code: string;
  label: string;
}

export interface RolloutApi {
  attest(a: Attestation): Promise<AttestationReceipt>;
  /** The home unit with this code, or null when the district lists no such area. */
  homeUnit(code: string): Promise<HomeUnit | null>;
  /** Every place a resident may name as home (villages first); absent, the app cannot ask. */
  homeUnits?(): Promise<HomeUnitChoice[]>;
}

/** The home-units list as the picker shows it: villages with their commune, then communes and towns. */
export function homeUnitChoices(units: readonly unitsApi.HomeUnit[]): HomeUnitChoice[] {
  const nameOf = new Map(units.map((u) => [u.code, u.name]));
  const rank = (kind: string) => (kind === 'village' ? 0 : kind === 'district' ? 2 : 1);
  return units
    .filter((u) => u.kind !== 'district')
    .sort((a, b) => rank(a.kind) - rank(b.kind) || a.code.localeCompare(b.code))
    .map((u) => {
      const parent = u.kind === 'village' && u.parentCode !== null ? nameOf.get(u.parentCode) : undefined;
      return { code: u.code, label: parent ? `${u.name}, ${parent}` : u.name };
    });
}

/** Picks one area out of the home-units list, with its parent's name. */
export function homeUnitOf(units: readonly unitsApi.HomeUnit[], code: string): HomeUnit | null {
  const unit = units.find((u) => u.code === code);
  if (unit === undefined) return null;
  const parent = units.find((u) => u.code === unit.parentCode);
  return {
    code: unit.code,
    name: unit.name,
    // The district is above every commune: naming it adds nothing.
    parentName: parent === undefined || parent.kind === 'district' ? null : parent.name,
    healthStation: unit.healthStation,
  };
}

export function httpRolloutApi(baseUrl: string, apiKey: string, fetch: Fetch): RolloutApi {
  const root = baseUrl.replace(/\/+$/, '');
  const listHomeUnits = async (): Promise<unitsApi.HomeUnit[]> => {
    let res: Response;
    try {
      res = await fetch(`${root}${unitsApi.homeUnits.path}`, { headers: { 'x-api-key': apiKey } });
    } catch (err) {
      throw new AppError('network', 'the server could not be reached', { cause: err });
    }
    const body: unknown = await res.json().catch(() => ({}));
    const parsed = unitsApi.homeUnits.response.safeParse(body);
    if (!res.ok || !parsed.success) throw new AppError('rejected', `the server answered ${res.status}`);
    return parsed.data.units;
  };
  return {
    async homeUnit(code) {
      return homeUnitOf(await listHomeUnits(), code);
    },
    async homeUnits() {
      return homeUnitChoices(await listHomeUnits());
    },
    async attest(a) {
      let res: Response;
      try {
        res = await fetch(`${root}${coverageApi.attest.path}`, {
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
