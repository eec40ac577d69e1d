/**
 * L2-regularised logistic regression, fitted by Newton's method (iteratively reweighted
 * least squares). With a few dozen features the Hessian is tiny, so each step is exact
 * and the fit is deterministic: the same data gives the same weights, bit for bit.
 */
export interface LogisticFit {
  bias: number;
  weights: number[];
  iterations: number;
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

export function predict(fit: Pick<LogisticFit, 'bias' | 'weights'>, x: readonly number[]): number {
  let z = fit.bias;
  for (let j = 0; j < x.length; j++) z += fit.weights[j]! * x[j]!;
  return sigmoid(z);
}

/**
 * Fits weights minimising log-loss + (lambda / 2)·‖w‖² (the bias is not penalised).
 * Stops when no weight moves more than `tolerance`.
 */
export function fitLogistic(xs: readonly (readonly number[])[], ys: readonly (0 | 1)[], lambda: number, maxIterations = 50, tolerance = 1e-9): LogisticFit {
  if (xs.length === 0 || xs.length !== ys.length) throw new Error('fitLogistic needs as many labels as rows, at least one');
  const d = xs[0]!.length + 1; // index 0 is the bias
  let beta = new Array<number>(d).fill(0);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const gradient = new Array<number>(d).fill(0);
    const hessian = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (let i = 0; i < xs.length; i++) {
      const row = [1, ...xs[i]!];
      let z = 0;
      for (let j = 0; j < d; j++) z += beta[j]! * row[j]!;
      const p = sigmoid(z);
      const w = p * (1 - p);
      for (let j = 0; j < d; j++) {
        gradient[j]! += (p - ys[i]!) * row[j]!;
        for (let k = 0; k < d; k++) hessian[j]![k]! += w * row[j]! * row[k]!;
      }
    }
    for (let j = 1; j < d; j++) {
      gradient[j]! += lambda * beta[j]!;
      hessian[j]![j]! += lambda;
    }
    const step = solve(hessian, gradient);
    beta = beta.map((b, j) => b - step[j]!);
    if (Math.max(...step.map(Math.abs)) < tolerance) {
      iterations++;
      break;
    }
  }
  return { bias: beta[0]!, weights: beta.slice(1), iterations };
}

/** Solves A·x = b by Gaussian elimination with partial pivoting (A is small and positive definite). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const p = m[col]![col]!;
    if (Math.abs(p) < 1e-12) throw new Error('fitLogistic: singular system (add regularisation)');
    for (let r = col + 1; r < n; r++) {
      const f = m[r]![col]! / p;
      for (let c = col; c <= n; c++) m[r]![c]! -= f * m[col]![c]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let sum = m[r]![n]!;
    for (let c = r + 1; c < n; c++) sum -= m[r]![c]! * x[c]!;
    x[r] = sum / m[r]![r]!;
  }
  return x;
}
