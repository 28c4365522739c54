import type { OrderForEarning } from "../earning";
import { type ConfigOf, type ProgramType, programConfigSchema } from "../program";

/** Parses a config (applying defaults) and narrows it to its type. */
export function config<T extends ProgramType>(
  type: T,
  fields: Record<string, unknown>,
): ConfigOf<T> {
  const parsed = programConfigSchema.parse({ type, ...fields });
  if (parsed.type !== type) throw new Error("unreachable");
  return parsed as ConfigOf<T>;
}

/** 1 point per €1 unless told otherwise. */
export const pointsProgram = (earning: Record<string, unknown> = {}) =>
  config("points", { earning: { rate: { points: 1, perMinor: 100 }, ...earning } });

export const tieredProgram = (fields: Record<string, unknown> = {}) =>
  config("tiered", {
    earning: { rate: { points: 1, perMinor: 100 } },
    tiers: [
      { code: "bronze", name: "Bronze", threshold: 0 },
      { code: "silver", name: "Silver", threshold: 500, earnMultiplier: 1.25 },
      { code: "gold", name: "Gold", threshold: 1000, earnMultiplier: 1.5 },
    ],
    qualification: { basis: "points_earned", window: { kind: "rolling", months: 12 } },
    ...fields,
  });

export const at = (iso: string) => new Date(iso);

/** An EUR order with one uncategorised line per amount. */
export function order(
  lines: (number | { amountMinor: number; discountMinor?: number; category?: string | null })[],
  fields: Partial<OrderForEarning> = {},
): OrderForEarning {
  const full = lines.map((l) =>
    typeof l === "number"
      ? { category: null, amountMinor: l, discountMinor: 0 }
      : {
          category: l.category ?? null,
          amountMinor: l.amountMinor,
          discountMinor: l.discountMinor ?? 0,
        },
  );
  return {
    netMinor: full.reduce((s, l) => s + l.amountMinor - l.discountMinor, 0),
    currency: "EUR",
    occurredAt: at("2026-03-10T12:00:00Z"),
    lines: full,
    ...fields,
  };
}
