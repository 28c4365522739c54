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

/** `value` as the decimal PostgreSQL receives for it (its shortest JS form): digits × 10^exp. */
function decimalOf(value: number): { digits: bigint; exp: number } | null {
  const m = /^(-?\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(value));
  if (!m) return null;
  const fraction = m[2] ?? "";
  return { digits: BigInt(m[1]! + fraction), exp: Number(m[3] ?? 0) - fraction.length };
}

/** The sign of `x - value*den`, exactly, for integers x and den (null: not exact integers). */
function signOfDifference(x: number, den: number, value: number): number | null {
  const d = decimalOf(value);
  if (!d || !Number.isSafeInteger(x) || !Number.isSafeInteger(den)) return null;
  let left = BigInt(x);
  let right = d.digits * BigInt(den);
  if (d.exp >= 0) right *= 10n ** BigInt(d.exp);
  else left *= 10n ** BigInt(-d.exp);
  return left === right ? 0 : left > right ? 1 : -1;
}

const HOLDS: Record<Exclude<NumberComparison["op"], "between">, (sign: number) => boolean> = {
  eq: (s) => s === 0,
  neq: (s) => s !== 0,
  gt: (s) => s > 0,
  gte: (s) => s >= 0,
  lt: (s) => s < 0,
  lte: (s) => s <= 0,
};

/**
 * Compares a ratio num/den without dividing: `num*scale op value*den`, in exact integer
 * arithmetic on the decimal value, as PostgreSQL's numeric does. (In floating point,
 * 8.2 * 15 is 122.99999999999999, so "average = 8.2" failed for 15 orders totalling 123.)
 */
export function compareRatio(num: number, den: number, c: NumberComparison, scale = 1): boolean {
  if (den === 0) return false;
  const x = num * scale;
  const sign = (value: number) => signOfDifference(x, den, value) ?? Math.sign(x - value * den);
  if (c.op === "between") return sign(c.min) >= 0 && sign(c.max) <= 0;
  return HOLDS[c.op](sign(c.value));
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
