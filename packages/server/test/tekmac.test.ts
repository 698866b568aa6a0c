// tekmac forms, as google/exposure-notifications-server pkg/verification/utils.go computes them:
// the full form always; the short form (no transmission risk) only when every risk is 0.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { computeTekmac, type TekmacKey, tekmacMatches } from '../src/publish/tekmac';

const hmacKey = Buffer.from('0123456789abcdef0123456789abcdef', 'hex');
const keys = (risk: number): TekmacKey[] => [
  { key: 'z8kBSUo/qmeM8ytnJm2Ahw==', rollingStartNumber: 2650032, rollingPeriod: 144, transmissionRisk: risk },
  { key: 'BpYaLnx/fXtmcC5bVEN4Tg==', rollingStartNumber: 2649888, rollingPeriod: 144, transmissionRisk: risk },
];
const hmacOf = (lines: string[]) => createHmac('sha256', hmacKey).update(lines.join(',')).digest('base64');

describe('tekmac', () => {
  it('computes the canonical form over sorted key.start.period.risk lines', () => {
    expect(computeTekmac(hmacKey, keys(4))).toBe(
      hmacOf(['BpYaLnx/fXtmcC5bVEN4Tg==.2649888.144.4', 'z8kBSUo/qmeM8ytnJm2Ahw==.2650032.144.4']),
    );
  });

  it('accepts the short form only when every transmission risk is 0', () => {
    expect(tekmacMatches(hmacKey, keys(4), computeTekmac(hmacKey, keys(4)))).toBe(true);
    expect(tekmacMatches(hmacKey, keys(4), computeTekmac(hmacKey, keys(4), false))).toBe(false);
    expect(tekmacMatches(hmacKey, keys(0), computeTekmac(hmacKey, keys(0), false))).toBe(true);
    expect(tekmacMatches(hmacKey, keys(0), computeTekmac(hmacKey, keys(0)))).toBe(true);
    expect(tekmacMatches(hmacKey, keys(0), computeTekmac(hmacKey, keys(4)))).toBe(false);
  });
});
