import { z } from "zod";
import type { SqlParams } from "./sql";

export const NUMBER_OPS = ["eq", "neq", "gt", "gte", "lt", "lte", "between"] as const;

export const numberComparison = z.discriminatedUnion("op", [
  z.object({ op: z.enum(["eq", "neq", "gt", "gte", "lt", "lte"]), value: z.number().finite() }),
  z
    .object({ op: z.literal("between"), min: z.number().finite(), max: z.number().finite() })
    .refine((b) => b.min <= b.max, { message: "min must not exceed max", path: ["max"] }),
]);
export type NumberComparison = z.infer<typeof numberComparison>;

const SQL_OP = { eq: "=", neq: "<>", gt: ">", gte: ">=", lt: "<", lte: "<=" } as const;
const SYMBOL = { eq: "=", neq: "≠", gt: ">", gte: "≥", lt: "<", lte: "≤" } as const;

/** `x op value`; a missing value (no data) never satisfies a comparison. */
export function compareNumber(x: number | null, c: NumberComparison): boolean {
  if (x === null) return false;
  switch (c.op) {
    case "eq":
      return x === c.value;
    case "neq":
      return x !== c.value;
    case "gt":
      return x > c.value;
    case "gte":
      return x >= c.value;
    case "lt":
      return x < c.value;
    case "lte":
      return x <= c.value;
    case "between":
      return x >= c.min && x <= c.max;
  }
}

export function sqlCompareNumber(expr: string, c: NumberComparison, p: SqlParams): string {
  if (c.op === "between")
    return `(${expr} BETWEEN ${p.bind(c.min, "numeric")} AND ${p.bind(c.max, "numeric")})`;
  return `(${expr} ${SQL_OP[c.op]} ${p.bind(c.value, "numeric")})`;
}

/**
 * Compares a ratio num/den without dividing: `num op value*den`. Exact in both SQL and JS
 * for integer counts and sums, so the oracle and the compiler never disagree on rounding.
 */
export function compareRatio(num: number, den: number, c: NumberComparison, scale = 1): boolean {
  if (den === 0) return false;
  if (c.op === "between") return num * scale >= c.min * den && num * scale <= c.max * den;
  return compareNumber(num * scale, { op: c.op, value: c.value * den });
}

export function sqlCompareRatio(
  num: string,
  den: string,
  c: NumberComparison,
  p: SqlParams,
  scale = 1,
): string {
  const n = scale === 1 ? `(${num})` : `((${num}) * ${scale})`;
  if (c.op === "between")
    return `((${den}) > 0 AND ${n} >= ${p.bind(c.min, "numeric")} * (${den}) AND ${n} <= ${p.bind(c.max, "numeric")} * (${den}))`;
  return `((${den}) > 0 AND ${n} ${SQL_OP[c.op]} ${p.bind(c.value, "numeric")} * (${den}))`;
}

export function describeNumber(c: NumberComparison): string {
  return c.op === "between" ? `between ${c.min} and ${c.max}` : `${SYMBOL[c.op]} ${c.value}`;
}
