import { describe, expect, it } from 'vitest';
import { fitLogistic, predict, sigmoid } from './logistic.js';

describe('fitLogistic', () => {
  // y = 1 mostly when x0 is on; x1 is noise.
  const xs = [[1, 0], [1, 1], [1, 0], [1, 1], [0, 0], [0, 1], [0, 0], [0, 1], [1, 0], [0, 1]];
  const ys = [1, 1, 1, 0, 0, 0, 0, 1, 1, 0] as const;

  it('learns a positive weight for the informative feature and a small one for noise', () => {
    const fit = fitLogistic(xs, [...ys], 0.1);
    expect(fit.weights[0]).toBeGreaterThan(1);
    expect(Math.abs(fit.weights[1]!)).toBeLessThan(fit.weights[0]!);
    expect(predict(fit, [1, 0])).toBeGreaterThan(0.5);
    expect(predict(fit, [0, 0])).toBeLessThan(0.5);
  });

  it('is deterministic', () => {
    expect(fitLogistic(xs, [...ys], 1)).toEqual(fitLogistic(xs, [...ys], 1));
  });

  it('shrinks weights as regularisation grows, and stays finite on separable data', () => {
    const weak = fitLogistic(xs, [...ys], 0.01);
    const strong = fitLogistic(xs, [...ys], 100);
    expect(Math.abs(strong.weights[0]!)).toBeLessThan(Math.abs(weak.weights[0]!));
    const separable = fitLogistic([[0], [0], [1], [1]], [0, 0, 1, 1], 1);
    expect(Number.isFinite(separable.weights[0]!)).toBe(true);
  });

  it('matches the mean for an intercept-only fit', () => {
    const fit = fitLogistic([[0], [0], [0], [0]], [1, 0, 0, 0], 1);
    expect(sigmoid(fit.bias)).toBeCloseTo(0.25, 6);
  });

  it('refuses mismatched input', () => {
    expect(() => fitLogistic([], [], 1)).toThrow(/at least one/);
    expect(() => fitLogistic([[1]], [1, 0], 1)).toThrow(/as many labels/);
  });
});
