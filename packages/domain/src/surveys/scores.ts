import { percentOf, roundedRatio } from "../analytics/rounding";
import { CES_SCALE, CSAT_SCALE, NPS_SCALE, onScale, type Scale } from "./scales";

/*
 * The standard survey scores of DOMAIN.md section 7. Percent-based scores (NPS, CSAT) are
 * rounded to one decimal and CES, a mean on a 1-7 scale, to two; both half away from zero and
 * computed exactly from the counts, so -x rounds to exactly minus the rounding of x and SQL's
 * ROUND on NUMERIC gives the same numbers. Every score is null when there are no answers.
 */

export type NpsCategory = "promoter" | "passive" | "detractor";

function assertScores(scores: readonly number[], scale: Scale, name: string): void {
  for (const s of scores)
    if (!onScale(s, scale))
      throw new RangeError(`${name} answers are whole numbers from ${scale.min} to ${scale.max}`);
}

/** 9-10 promoter, 7-8 passive, 0-6 detractor; throws a RangeError off the 0-10 scale. */
export function npsCategory(score: number): NpsCategory {
  assertScores([score], NPS_SCALE, "NPS");
  return score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor";
}

export interface NpsCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

export interface NpsResult extends NpsCounts {
  /** % promoters - % detractors, -100 to 100, one decimal; null without answers. */
  score: number | null;
  total: number;
}

/** NPS from category counts (as a SQL COUNT ... FILTER would give them). */
export function npsFromCounts({ promoters, passives, detractors }: NpsCounts): NpsResult {
  for (const n of [promoters, passives, detractors])
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError("counts must be whole numbers");
  const total = promoters + passives + detractors;
  return {
    score: percentOf(promoters - detractors, total),
    promoters,
    passives,
    detractors,
    total,
  };
}

/** NPS of 0-10 answers: 5 promoters, 3 passives and 2 detractors of 10 score 30. */
export function npsScore(scores: readonly number[]): NpsResult {
  const counts: NpsCounts = { promoters: 0, passives: 0, detractors: 0 };
  for (const s of scores) {
    const category = npsCategory(s);
    if (category === "promoter") counts.promoters += 1;
    else if (category === "passive") counts.passives += 1;
    else counts.detractors += 1;
  }
  return npsFromCounts(counts);
}

export interface CsatResult {
  /** % of answers that are 4 or 5, one decimal; null without answers. */
  score: number | null;
  /** Answers of 4 or 5. */
  satisfied: number;
  total: number;
}

/** CSAT of 1-5 answers: the share of satisfied (4-5) answers. */
export function csatScore(scores: readonly number[]): CsatResult {
  assertScores(scores, CSAT_SCALE, "CSAT");
  return csatFromCounts({ satisfied: scores.filter((s) => s >= 4).length, total: scores.length });
}

/** CSAT from counts (as a SQL COUNT ... FILTER would give them); the same result as csatScore. */
export function csatFromCounts({
  satisfied,
  total,
}: Pick<CsatResult, "satisfied" | "total">): CsatResult {
  for (const n of [satisfied, total])
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError("counts must be whole numbers");
  if (satisfied > total) throw new RangeError("satisfied answers cannot exceed the total");
  return { score: percentOf(satisfied, total), satisfied, total };
}

export interface CesResult {
  /** Mean answer, two decimals; null without answers. */
  score: number | null;
  total: number;
}

/**
 * CES of 1-7 answers: the mean effort score. Trouw asks it as agreement with "… made it easy
 * for me" (CES 2.0), so higher is better: 7 means very easy.
 */
export function cesScore(scores: readonly number[]): CesResult {
  assertScores(scores, CES_SCALE, "CES");
  return cesFromCounts(scoreCounts(scores));
}

/**
 * Answers per scale value, e.g. `{ 1: 3, 7: 10 }` (as a SQL GROUP BY or COUNT ... FILTER gives
 * them); absent values count 0.
 */
export type ScoreCounts = Readonly<Partial<Record<number, number>>>;

/** The counts of a list of answers. */
export function scoreCounts(scores: readonly number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const s of scores) counts[s] = (counts[s] ?? 0) + 1;
  return counts;
}

/** Checks counts of answers on `scale` and returns them as [value, count] pairs. */
export function countEntries(counts: ScoreCounts, scale: Scale, name: string): [number, number][] {
  return Object.entries(counts).map(([key, n]) => {
    const value = Number(key);
    if (!onScale(value, scale))
      throw new RangeError(`${name} answers are whole numbers from ${scale.min} to ${scale.max}`);
    if (n === undefined || !Number.isSafeInteger(n) || n < 0)
      throw new RangeError("counts must be whole numbers");
    return [value, n];
  });
}

/** CES from the answers per value 1-7; the same result as cesScore on the answers. */
export function cesFromCounts(counts: ScoreCounts): CesResult {
  let sum = 0;
  let total = 0;
  for (const [value, n] of countEntries(counts, CES_SCALE, "CES")) {
    sum += value * n;
    total += n;
  }
  return { score: total ? roundedRatio(sum, total, 2) : null, total };
}
