/**
 * What a scanned QR means. Unit posters carry the install link `<base>?unit=<code>`
 * (packages/server/src/rollout/poster-pdf.ts `installLink`); the app's own invite QR carries
 * `<base>?ref=<referralCode>`. A bare unit code typed by hand is accepted too.
 */
import { AppError } from './app-error';

export type UnitLink = { kind: 'unit'; unitCode: string } | { kind: 'invite'; referralCode: string };

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
  if (ref !== null && CODE.test(ref)) return { kind: 'invite', referralCode: ref };
  if (unit !== null && CODE.test(unit)) return { kind: 'unit', unitCode: unit };
  throw new AppError('invalid_qr', 'not a Bluezone unit or invite QR');
}

export function inviteLink(installBaseUrl: string, referralCode: string): string {
  const url = new URL(installBaseUrl);
  url.searchParams.set('ref', referralCode);
  return url.toString();
}
