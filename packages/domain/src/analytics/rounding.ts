/*
 * Exact rounding for measures computed from whole counts and minor units. Ratios are done in
 * BigInt so that 1 of 16 (6.25%) rounds the same way here as NUMERIC does in PostgreSQL, and
 * never drifts the way 100 * 1 / 16 in floating point can for other values.
 */

function assertSafeInteger(value: number, name: string): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${name} must be a safe integer`);
}

/** `num / den` rounded to `decimals` places, half away from zero (PostgreSQL's ROUND on NUMERIC). */
function roundBig(num: bigint, den: bigint, decimals: number): number {
  const scaled = num * 10n ** BigInt(decimals);
  const negative = scaled < 0n !== den < 0n;
  const a = scaled < 0n ? -scaled : scaled;
  const b = den < 0n ? -den : den;
  const q = (2n * a + b) / (2n * b);
  return Number(negative ? -q : q) / 10 ** decimals;
}

/**
 * `numerator / denominator` rounded to `decimals` places (default 1), half away from zero,
 * exactly. Both must be safe integers and the denominator non-zero.
 */
export function roundedRatio(numerator: number, denominator: number, decimals = 1): number {
  assertSafeInteger(numerator, "numerator");
  assertSafeInteger(denominator, "denominator");
  if (denominator === 0) throw new RangeError("denominator must not be 0");
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 10)
    throw new RangeError("decimals must be a whole number from 0 to 10");
  return roundBig(BigInt(numerator), BigInt(denominator), decimals);
}

/**
 * `part` as a percentage of `whole`, rounded to one decimal, half away from zero (1 of 16 is
 * 6.3, -1 of 16 is -6.3). Null when `whole` is 0: there is no rate of nothing.
 */
export function percentOf(part: number, whole: number): number | null {
  assertSafeInteger(part, "part");
  assertSafeInteger(whole, "whole");
  if (whole === 0) return null;
  return roundBig(BigInt(part) * 100n, BigInt(whole), 1);
}

/** Sum of safe integers in BigInt, so that totals beyond 2^53 cannot lose units silently. */
export function exactSum(values: Iterable<number>): bigint {
  let total = 0n;
  for (const v of values) {
    assertSafeInteger(v, "every value");
    total += BigInt(v);
  }
  return total;
}

/** `total / count` rounded to a whole number, half up (amounts are never negative here). */
export function divideHalfUp(total: bigint, count: number): number {
  assertSafeInteger(count, "count");
  if (count <= 0) throw new RangeError("count must be positive");
  const result = roundBig(total, BigInt(count), 0);
  if (!Number.isSafeInteger(result)) throw new RangeError("result exceeds the safe integer range");
  return result;
}

/** A finite, non-negative number as an exact decimal `digits × 10^exp` (its shortest JS form). */
function decimalOf(value: number): { digits: bigint; exp: number } {
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(value));
  if (!m) throw new RangeError("must be a finite, non-negative number");
  const fraction = m[2] ?? "";
  return { digits: BigInt(m[1]! + fraction), exp: Number(m[3] ?? 0) - fraction.length };
}

/**
 * A whole amount times decimal factors (as written, e.g. 0.35), rounded half up to a whole
 * number without floating-point error: 3 × 0.35 is 1.05 exactly, not 1.0499999999999998.
 */
export function multiplyHalfUp(amount: number, ...factors: number[]): number {
  assertSafeInteger(amount, "amount");
  if (amount < 0) throw new RangeError("amount must not be negative");
  let product = BigInt(amount);
  let exp = 0;
  for (const factor of factors) {
    const d = decimalOf(factor);
    product *= d.digits;
    exp += d.exp;
  }
  const result =
    exp >= 0 ? Number(product * 10n ** BigInt(exp)) : roundBig(product, 10n ** BigInt(-exp), 0);
  if (!Number.isSafeInteger(result)) throw new RangeError("result exceeds the safe integer range");
  return result;
}
