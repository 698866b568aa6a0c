import { describe, expect, it } from 'vitest';
import { sampleSd } from '../src/sample-sd';

describe('sampleSd', () => {
  it('divides by n − 1: 2, 4, 4, 4, 5, 5, 7, 9 (mean 5, squares summing to 32) give √(32/7)', () => {
    expect(sampleSd([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 12);
  });

  it('is 0 for fewer than two values or none', () => {
    expect(sampleSd([])).toBe(0);
    expect(sampleSd([3])).toBe(0);
    expect(sampleSd([3, 3, 3])).toBe(0);
  });
});
