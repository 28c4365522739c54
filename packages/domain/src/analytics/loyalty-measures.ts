import { multiplyHalfUp, percentOf } from "./rounding";

/*
 * Loyalty program measures as plain formulas. Points are whole numbers; money is integer
 * minor units.
 */

export interface PointsLiabilityInput {
  /** Points earned and not yet burned or expired. */
  outstandingPoints: number;
  /** What one point is worth when redeemed, in minor units; may be a fraction (0.5 = half a cent). */
  valuePerPointMinor: number;
}

/**
 * What the outstanding points would cost if all were redeemed: points × value per point,
 * rounded half up to a whole minor unit (12,345 points at 0.5 cents is 6,173 cents).
 */
export function pointsLiability({
  outstandingPoints,
  valuePerPointMinor,
}: PointsLiabilityInput): number {
  if (!Number.isSafeInteger(outstandingPoints) || outstandingPoints < 0)
    throw new RangeError("outstandingPoints must be a non-negative whole number");
  if (!Number.isFinite(valuePerPointMinor) || valuePerPointMinor < 0)
    throw new RangeError("valuePerPointMinor must be a finite, non-negative number");
  return multiplyHalfUp(outstandingPoints, valuePerPointMinor);
}

/**
 * Points burned / points earned × 100, one decimal; null when nothing was earned. Over a
 * period this can exceed 100: points burned in it may have been earned before it.
 */
export function redemptionRate({
  earned,
  burned,
}: {
  earned: number;
  burned: number;
}): number | null {
  for (const [name, v] of [
    ["earned", earned],
    ["burned", burned],
  ] as const)
    if (!Number.isSafeInteger(v) || v < 0)
      throw new RangeError(`${name} must be a non-negative whole number of points`);
  return percentOf(burned, earned);
}
