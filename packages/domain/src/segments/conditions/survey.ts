import { z } from "zod";
import { npsCategory, type NpsCategory } from "../../surveys/scores";
import { compareNumber, describeNumber, numberComparison, sqlCompareNumber } from "../compare";
import type { CompileContext, ConditionKind, EvalContext } from "../registry";
import { FACTS_TABLE } from "../facts";
import { DAY_MS, type Subject } from "../subject";

/*
 * Survey conditions read a customer's latest answers, kept in the customer's facts
 * (customer_facts: latest_nps, latest_csat and their times), so a rule that mixes them with
 * event conditions reads one row per customer. A customer without an answer matches neither
 * condition (and so matches its negation), so neither holds for a customer without facts.
 */

export const NPS_CATEGORIES = ["promoter", "passive", "detractor"] as const;

/** The 0-10 scores of each category, as SQL ranges. */
const NPS_RANGES: Record<NpsCategory, [number, number]> = {
  promoter: [9, 10],
  passive: [7, 8],
  detractor: [0, 6],
};

/** Only answers given at most this many days ago count; absent: any answer. */
const withinDays = z.number().int().min(0).max(36_500).optional();

/** The earliest answer time that counts. */
const since = (days: number | undefined, now: Date): Date | null =>
  days === undefined ? null : new Date(now.getTime() - days * DAY_MS);

function recent(at: Date | null, days: number | undefined, ctx: EvalContext): boolean {
  const from = since(days, ctx.now);
  return from === null || (at !== null && at.getTime() >= from.getTime());
}

/**
 * The answer held in the customer's facts row (`col` names a column of it) and, with
 * `withinDays`, given recently enough. With facts in the query (`CompileContext.facts`) the
 * row is its `f`; without, an `EXISTS` looks it up.
 */
function sqlFacts(
  where: (col: (name: string) => string) => string[],
  days: number | undefined,
  column: string,
  ctx: CompileContext,
) {
  const alias = ctx.facts ? "f" : "sf";
  const col = (name: string) => `${alias}.${name}`;
  const from = since(days, ctx.now);
  const clauses = where(col);
  if (from !== null) clauses.push(`${col(column)} >= ${ctx.params.bind(from, "timestamptz")}`);
  if (ctx.facts) return `(${clauses.join(" AND ")})`;
  return `EXISTS (SELECT 1 FROM ${FACTS_TABLE} sf WHERE sf.customer_id = ${ctx.customerId ?? "c.id"} AND ${clauses.join(" AND ")})`;
}

const within = (days: number | undefined) =>
  days === undefined ? "" : ` in the last ${days} day${days === 1 ? "" : "s"}`;

const npsArgs = z.object({
  categories: z
    .array(z.enum(NPS_CATEGORIES))
    .min(1, "give at least one category")
    .max(NPS_CATEGORIES.length)
    .refine((c) => new Set(c).size === c.length, "lists a category twice"),
  withinDays,
});

/** The customer's latest NPS answer (0-10) falls in one of the categories. */
export const surveyNpsCategory: ConditionKind<z.infer<typeof npsArgs>> = {
  kind: "survey_nps_category",
  label: "Latest NPS answer",
  args: npsArgs,
  factsOnly: true,
  evaluate({ categories, withinDays: days }, subject: Subject, ctx) {
    const score = subject.surveys?.latestNps ?? null;
    if (score === null) return { holds: false, seen: null };
    const category = npsCategory(score);
    const holds =
      categories.includes(category) && recent(subject.surveys?.latestNpsAt ?? null, days, ctx);
    return { holds, seen: `${category} (${score})` };
  },
  toSql({ categories, withinDays: days }, ctx) {
    const ranges = (col: (name: string) => string) =>
      categories.map((c) => {
        const [min, max] = NPS_RANGES[c];
        return `${col("latest_nps")} BETWEEN ${ctx.params.bind(min, "int")} AND ${ctx.params.bind(max, "int")}`;
      });
    return sqlFacts((col) => [`(${ranges(col).join(" OR ")})`], days, "latest_nps_at", ctx);
  },
  describe: ({ categories, withinDays: days }) =>
    `latest NPS answer is ${categories.join(" or ")}${within(days)}`,
};

const csatArgs = z.object({ compare: numberComparison, withinDays });

/** The customer's latest CSAT answer (1-5) compares as asked. */
export const surveyCsat: ConditionKind<z.infer<typeof csatArgs>> = {
  kind: "survey_csat",
  label: "Latest CSAT answer",
  args: csatArgs,
  factsOnly: true,
  evaluate({ compare, withinDays: days }, subject: Subject, ctx) {
    const score = subject.surveys?.latestCsat ?? null;
    const holds =
      compareNumber(score, compare) && recent(subject.surveys?.latestCsatAt ?? null, days, ctx);
    return { holds, seen: score };
  },
  toSql({ compare, withinDays: days }, ctx) {
    return sqlFacts(
      (col) => [
        `${col("latest_csat")} IS NOT NULL`,
        sqlCompareNumber(col("latest_csat"), compare, ctx.params),
      ],
      days,
      "latest_csat_at",
      ctx,
    );
  },
  describe: ({ compare, withinDays: days }) =>
    `latest CSAT answer ${describeNumber(compare)}${within(days)}`,
};
