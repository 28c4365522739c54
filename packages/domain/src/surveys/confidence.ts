import {
  countEntries,
  scoreCounts,
  type CsatResult,
  type NpsCounts,
  type ScoreCounts,
} from "./scores";
import { CES_SCALE, onScale } from "./scales";

/*
 * How far a survey score can be trusted, from the number of answers n.
 *
 * - n < 30: "insufficient". Below 30 the normal approximation behind a margin of error does
 *   not hold, and one answer moves an NPS by more than 3 points: show the answers, not a score.
 * - 30 <= n < 100: "low". A margin of error can be given but is wide (often ±15-20 NPS points).
 * - n >= 100: "ok", the usual minimum for reporting an NPS or CSAT as a number.
 *
 * The margin of error is the half-width of a 95% interval (z = 1.96) in the score's own unit:
 * NPS points, CSAT percentage points, CES scale points. It is rounded to one decimal (CES to
 * two) and null without answers. It is shown at every level; the level says whether to trust it.
 */

export const MIN_SAMPLE = 30;
export const RECOMMENDED_SAMPLE = 100;
const Z_95 = 1.96;

export type ConfidenceLevel = "insufficient" | "low" | "ok";

export interface Confidence {
  level: ConfidenceLevel;
  n: number;
  /** ± half-width of the 95% interval in the score's unit; null when n is 0. */
  marginOfError: number | null;
  minimumSample: number;
  recommendedSample: number;
  /** One English sentence for the admin (front ends may translate by level instead). */
  note: string;
}

export function confidenceLevel(n: number): ConfidenceLevel {
  return n < MIN_SAMPLE ? "insufficient" : n < RECOMMENDED_SAMPLE ? "low" : "ok";
}

function noteFor(n: number): string {
  switch (confidenceLevel(n)) {
    case "insufficient":
      return `Only ${n} response${n === 1 ? "" : "s"}: at least ${MIN_SAMPLE} are needed before the score means much.`;
    case "low":
      return `${n} responses: the score is indicative; from ${RECOMMENDED_SAMPLE} responses it is reliable.`;
    case "ok":
      return `${n} responses: enough for a reliable score.`;
  }
}

const round = (x: number, decimals: number) => Math.round(x * 10 ** decimals) / 10 ** decimals;

function confidence(n: number, variance: number, scale: number, decimals: number): Confidence {
  return {
    level: confidenceLevel(n),
    n,
    marginOfError:
      n === 0 ? null : round(Z_95 * Math.sqrt(Math.max(variance, 0) / n) * scale, decimals),
    minimumSample: MIN_SAMPLE,
    recommendedSample: RECOMMENDED_SAMPLE,
    note: noteFor(n),
  };
}

/**
 * NPS margin of error. Scoring each answer +1 (promoter), 0 (passive) or -1 (detractor), the
 * NPS is the mean × 100 and the variance per answer is (P + D) - (P - D)², with P and D the
 * promoter and detractor shares. MOE = 1.96 × √(variance / n) × 100.
 */
export function npsConfidence({ promoters, passives, detractors }: NpsCounts): Confidence {
  const n = promoters + passives + detractors;
  const p = n ? promoters / n : 0;
  const d = n ? detractors / n : 0;
  return confidence(n, p + d - (p - d) ** 2, 100, 1);
}

/** CSAT margin of error for a proportion: 1.96 × √(p(1 - p) / n) × 100. */
export function csatConfidence({
  satisfied,
  total,
}: Pick<CsatResult, "satisfied" | "total">): Confidence {
  const p = total ? satisfied / total : 0;
  return confidence(total, p * (1 - p), 100, 1);
}

/** CES margin of error for a mean: 1.96 × s / √n, with s the sample standard deviation. */
export function cesConfidence(scores: readonly number[]): Confidence {
  if (scores.some((s) => !onScale(s, CES_SCALE)))
    throw new RangeError("CES answers are whole numbers from 1 to 7");
  return cesConfidenceFromCounts(scoreCounts(scores));
}

/**
 * cesConfidence from the answers per value 1-7 (as SQL gives them). cesConfidence goes through
 * here, so both agree to the last bit.
 */
export function cesConfidenceFromCounts(counts: ScoreCounts): Confidence {
  const entries = countEntries(counts, CES_SCALE, "CES").sort(([a], [b]) => a - b);
  const n = entries.reduce((a, [, k]) => a + k, 0);
  const mean = n ? entries.reduce((a, [v, k]) => a + v * k, 0) / n : 0;
  const variance = n > 1 ? entries.reduce((a, [v, k]) => a + k * (v - mean) ** 2, 0) / (n - 1) : 0;
  return confidence(n, variance, 1, 2);
}
