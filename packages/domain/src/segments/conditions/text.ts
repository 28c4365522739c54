import { z } from "zod";
import type { SqlParams } from "../sql";

/** Case-insensitive matching folds ASCII only, identically in JS and in SQL on any locale. */
export function foldAscii(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}
export const sqlFoldAscii = (expr: string) =>
  `translate(${expr}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')`;

/**
 * A string a rule compares stored text with. PostgreSQL text cannot hold NUL (U+0000), and a
 * bind parameter containing one fails the whole query, so rules may not contain it either.
 */
export const ruleText = (max: number, min = 0) =>
  z
    .string()
    .min(min)
    .max(max)
    .refine((s) => !s.includes("\u0000"), { message: "must not contain NUL characters" });

export const textMatch = z.discriminatedUnion("op", [
  z.object({ op: z.enum(["eq", "neq", "contains", "starts_with"]), value: ruleText(500) }),
  z.object({ op: z.literal("in"), values: z.array(ruleText(500)).min(1).max(1000) }),
  z.object({ op: z.enum(["is_set", "is_not_set"]) }),
]);
export type TextMatch = z.infer<typeof textMatch>;

export function matchText(v: string | null, m: TextMatch): boolean {
  switch (m.op) {
    case "eq":
      return v !== null && v === m.value;
    case "neq":
      return v !== m.value;
    case "in":
      return v !== null && m.values.includes(v);
    case "contains":
      return v !== null && foldAscii(v).includes(foldAscii(m.value));
    case "starts_with":
      return v !== null && foldAscii(v).startsWith(foldAscii(m.value));
    case "is_set":
      return v !== null && v !== "";
    case "is_not_set":
      return v === null || v === "";
  }
}

export function sqlMatchText(expr: string, m: TextMatch, p: SqlParams): string {
  switch (m.op) {
    case "eq":
      return `(${expr} = ${p.bind(m.value, "text")})`;
    case "neq":
      return `(${expr} IS DISTINCT FROM ${p.bind(m.value, "text")})`;
    case "in":
      return `(${expr} = ANY(${p.bind(m.values, "text[]")}))`;
    case "contains":
      return `(strpos(${sqlFoldAscii(expr)}, ${p.bind(foldAscii(m.value), "text")}) > 0)`;
    case "starts_with":
      return `starts_with(${sqlFoldAscii(expr)}, ${p.bind(foldAscii(m.value), "text")})`;
    case "is_set":
      return `(${expr} IS NOT NULL AND ${expr} <> '')`;
    case "is_not_set":
      return `(${expr} IS NULL OR ${expr} = '')`;
  }
}

export function describeText(m: TextMatch): string {
  switch (m.op) {
    case "in":
      return `is one of ${m.values.map((v) => `"${v}"`).join(", ")}`;
    case "is_set":
      return "is set";
    case "is_not_set":
      return "is not set";
    default:
      return `${m.op.replace("_", " ")} "${m.value}"`;
  }
}
