/**
 * What a scanned QR means. Unit posters carry the install link `<base>?unit=<code>`
 * (packages/server/src/rollout/poster-pdf.ts `installLink`); the app's own invite QR carries
 * `<base>?ref=<referralCode>`; a Youth Union drive volunteer's QR `<base>?vol=<inviteCode>`. A bare
 * unit code typed by hand is accepted too. Only a village's or commune's QR says where the person
 * lives; the others say who brought the install in, and the app asks for the home (join-unit-screen.tsx).
 */
import { AppError } from './app-error';

export type UnitLink =
  | { kind: 'unit'; unitCode: string }
  | { kind: 'invite'; referralCode: string }
  | { kind: 'volunteer'; volunteerCode: string };

const CODE = /^[A-Za-z0-9_-]{1,32}$/;

export function parseUnitLink(text: string): UnitLink {
  const s = text.trim();
  if (CODE.test(s)) return { kind: 'unit', unitCode: s };
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    throw new AppError('invalid_qr', 'not a Bluezone unit or invite QR');
  }
  const unit = url.searchParams.get('unit');
  const ref = url.searchParams.get('ref');
  const vol = url.searchParams.get('vol');
  if (ref !== null && CODE.test(ref)) return { kind: 'invite', referralCode: ref };
  if (vol !== null && CODE.test(vol)) return { kind: 'volunteer', volunteerCode: vol };
  if (unit !== null && CODE.test(unit)) return { kind: 'unit', unitCode: unit };
  throw new AppError('invalid_qr', 'not a Bluezone unit or invite QR');
}

export function inviteLink(installBaseUrl: string, referralCode: string): string {
  const url = new URL(installBaseUrl);
  url.searchParams.set('ref', referralCode);
  return url.toString();
}
