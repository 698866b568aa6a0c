/**
 * Where an install counts and who brought it in, from what an attestation names (issue: an
 * explicit `unitCode` was ignored when a referral code came with it, so a relative living in
 * village 20161-02 was credited to the school that invited them; and installs brought in never
 * counted toward any unit's share).
 *
 * - The home is an area: a village or neighbourhood group (or a commune, town or the district
 *   when the person names no finer place). It is `homeUnitCode`, or `unitCode` when the QR
 *   scanned was an area's. Shares and targets count installs at their home.
 * - Who brought it in is at most one of: the organisation or business whose QR was scanned
 *   (`unitCode` of a non-area unit), a relative's invite (`referralCode`), a drive volunteer's
 *   invite (`volunteerCode`). It is credited to them as their own figure, and never moves the home.
 */
import { RolloutError } from '../rollout-error';
import { isAreaKind, type Unit } from '../units/unit';

export type UnitRef = Pick<Unit, 'code' | 'name' | 'kind' | 'archivedAt'>;

export type Referrer =
  | { kind: 'unit'; unit: UnitRef }
  | { kind: 'relative'; installId: string }
  | { kind: 'volunteer'; volunteerId: number };

export interface NamedInAttestation {
  /** The unit a scanned `?unit=` QR names. */
  scanned?: UnitRef;
  /** `homeUnitCode`'s unit. */
  home?: UnitRef;
  /** The install whose invite was scanned (never this install itself). */
  relative?: string;
  volunteer?: number;
}

/** The home the attestation names (undefined: none) and who brought the install in. */
export function attribute(named: NamedInAttestation): { home?: UnitRef; referrer?: Referrer } {
  if (named.home && !isAreaKind(named.home.kind)) {
    throw new RolloutError(
      'invalid_input',
      `homeUnitCode must name a village, neighbourhood group, commune or town, not a ${named.home.kind} (${named.home.code})`,
    );
  }
  const scannedHome = named.scanned && isAreaKind(named.scanned.kind) ? named.scanned : undefined;
  if (scannedHome && named.home && scannedHome.code !== named.home.code) {
    throw new RolloutError(
      'invalid_input',
      `unitCode ${scannedHome.code} and homeUnitCode ${named.home.code} name two different homes`,
    );
  }
  const referrers: Referrer[] = [];
  if (named.scanned && !scannedHome) referrers.push({ kind: 'unit', unit: named.scanned });
  if (named.relative !== undefined) referrers.push({ kind: 'relative', installId: named.relative });
  if (named.volunteer !== undefined) referrers.push({ kind: 'volunteer', volunteerId: named.volunteer });
  if (referrers.length > 1) {
    throw new RolloutError(
      'invalid_input',
      'name at most one of: an organisation or business unitCode, referralCode, volunteerCode',
    );
  }
  const home = named.home ?? scannedHome;
  return { ...(home ? { home } : {}), ...(referrers[0] ? { referrer: referrers[0] } : {}) };
}
