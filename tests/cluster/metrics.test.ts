import { describe, expect, it } from 'vitest';
import { adjustedRandIndex, averagePrecision, vMeasure } from '../../lib/cluster/metrics';

describe('vMeasure', () => {
  it('matches a hand computation', () => {
    // Classes a a a b b b, clusters 0 0 1 1 1 1.
    // H(C) = ln 2 = 0.693147; H(K) = −(1/3 ln 1/3 + 2/3 ln 2/3) = 0.636514.
    // I(C;K) = 2/6 ln((2·6)/(3·2)) + 1/6 ln((1·6)/(3·4)) + 3/6 ln((3·6)/(3·4))
    //        = 1/3 ln 2 + 1/6 ln 0.5 + 1/2 ln 1.5 = 0.231049 − 0.115525 + 0.202733 = 0.318257.
    // homogeneity = 0.318257 / 0.693147 = 0.459148; completeness = 0.318257 / 0.636514 = 0.500000;
    // V = 2·h·c / (h + c) = 0.478704.
    const score = vMeasure(['a', 'a', 'a', 'b', 'b', 'b'], [0, 0, 1, 1, 1, 1]);
    expect(score.homogeneity).toBeCloseTo(0.459148, 5);
    expect(score.completeness).toBeCloseTo(0.5, 5);
    expect(score.vMeasure).toBeCloseTo(0.478704, 5);
  });

  it('is 1 for a relabelled perfect partition and 0 for a single cluster', () => {
    expect(vMeasure(['a', 'a', 'b', 'b'], [7, 7, 3, 3]).vMeasure).toBeCloseTo(1, 10);
    expect(vMeasure(['a', 'a', 'b', 'b'], [0, 0, 0, 0]).vMeasure).toBe(0);
  });

  it('ARI is 1 for identical partitions and the average precision of a perfect ranking is 1', () => {
    expect(adjustedRandIndex([0, 0, 1, 1], ['x', 'x', 'y', 'y'])).toBeCloseTo(1, 10);
    expect(averagePrecision([0.9, 0.8, 0.1], [true, true, false])).toBe(1);
    expect(averagePrecision([0.1, 0.8, 0.9], [true, false, false])).toBeCloseTo(1 / 3, 10);
  });
});
