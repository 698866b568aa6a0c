/**
 * Vietnamese mobile numbers, validated and normalised to E.164 (+84 and 9 digits).
 *
 * Since the 2018 renumbering (MIC Decision 798/QĐ-BTTTT) mobile numbers are 10 digits
 * nationally: 0 followed by a network prefix and 7 digits. Prefixes in use:
 * 032–039 (Viettel), 052/056/058 (Vietnamobile), 059/099 (Gmobile), 070/076–079 (MobiFone),
 * 081–085/088/091/094 (VinaPhone), 086/096–098 (Viettel), 087 (Itelecom), 089/090/093 (MobiFone),
 * 092 (Vietnamobile). Landlines (02x) cannot receive SMS and are refused.
 */
import { RolloutError } from '../rollout-error';

const NATIONAL_MOBILE = /^0(3[2-9]|5[25689]|7[06-9]|8[1-9]|9\d)\d{7}$/;

/** Returns `+84xxxxxxxxx`; accepts +84…, 84…, 0… with spaces, dots, dashes or brackets. */
export function normalizeVnPhone(input: string): string {
  const compact = input.trim().replace(/[\s.\-()]/g, '');
  let national: string;
  if (compact.startsWith('+84')) national = `0${compact.slice(3)}`;
  else if (compact.startsWith('84') && compact.length === 11) national = `0${compact.slice(2)}`;
  else national = compact;
  if (!NATIONAL_MOBILE.test(national)) {
    throw new RolloutError('invalid_phone', `not a Vietnamese mobile number: "${input}"`);
  }
  return `+84${national.slice(1)}`;
}

export function isVnMobile(input: string): boolean {
  try {
    normalizeVnPhone(input);
    return true;
  } catch {
    return false;
  }
}
