/**
 * PostgreSQL COPY text format (the default of COPY ... FROM STDIN): tab-separated columns,
 * `\N` for NULL, and backslash escapes for backslash, newline, carriage return and tab.
 * Values are encoded by their JavaScript type, which is unambiguous for the demo tables.
 */
const NEEDS_ESCAPE = /[\\\n\r\t]/;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function escapeText(s: string): string {
  return NEEDS_ESCAPE.test(s) ? s.replace(/[\\\n\r\t]/g, (c) => ESCAPES[c]!) : s;
}

/**
 * A PostgreSQL array literal. Every element is quoted, so values such as `NULL`, `a,b`
 * or the empty string keep their meaning; only `"` and `\` need a backslash inside quotes.
 */
export function arrayLiteral(items: readonly unknown[]): string {
  return `{${items.map((v) => (v === null ? "NULL" : `"${String(v).replace(/["\\]/g, "\\$&")}"`)).join(",")}}`;
}

export function copyValue(v: unknown): string {
  if (v === null || v === undefined) return "\\N";
  if (typeof v === "string") return escapeText(v);
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  if (typeof v === "boolean") return v ? "t" : "f";
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return escapeText(arrayLiteral(v));
  return escapeText(JSON.stringify(v)); // jsonb
}

export function copyLine(values: readonly unknown[]): string {
  let line = "";
  for (let i = 0; i < values.length; i++) line += (i === 0 ? "" : "\t") + copyValue(values[i]);
  return `${line}\n`;
}
