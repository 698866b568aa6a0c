import { describe, expect, it } from 'vitest';
import { sortedQuantile } from '../src/sorted-quantile';

describe('sortedQuantile', () => {
  it('takes the element at ⌊q·n⌋, the last for q = 1, none of an empty list', () => {
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(sortedQuantile(ten, 0)).toBe(1);
    expect(sortedQuantile(ten, 0.5)).toBe(6); // the upper of the two middle values
    expect(sortedQuantile(ten, 0.9)).toBe(10);
    expect(sortedQuantile(ten, 0.89)).toBe(9);
    expect(sortedQuantile(ten, 1)).toBe(10);
    expect(sortedQuantile([4], 0.9)).toBe(4);
    expect(sortedQuantile([], 0.5)).toBeUndefined();
  });
});
