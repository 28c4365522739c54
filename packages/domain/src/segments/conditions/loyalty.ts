import { z } from "zod";
import { compareNumber, describeNumber, numberComparison, sqlCompareNumber } from "../compare";
import type { CompileContext, ConditionKind } from "../registry";
import { DAY_MS, type Subject, type SubjectLoyaltyAccount } from "../subject";

/*
 * Loyalty conditions read a customer's account in one program (loyalty_accounts) and, for
 * points earned, its ledger. A customer who is not enrolled matches none of them (and so
 * matches their negation). "Points earned" follows the tier rule: earn and pending entries net
 * of refund reversals, never the spendable balance, never redemptions given back.
 */

const programId = z.string().uuid();

function account(subject: Subject, id: string): SubjectLoyaltyAccount | null {
  return subject.loyalty?.find((a) => a.programId === id && a.status === "enrolled") ?? null;
}

/** `EXISTS` over the customer's enrolled account in the program; `where` uses alias `la`. */
function sqlAccount(id: string, where: string[], ctx: CompileContext): string {
  const clauses = [
    "la.customer_id = c.id",
    `la.program_id = ${ctx.params.bind(id, "uuid")}`,
    "la.status = 'enrolled'",
    ...where,
  ];
  return `EXISTS (SELECT 1 FROM loyalty_accounts la WHERE ${clauses.join(" AND ")})`;
}

const memberArgs = z.object({ programId });

export const loyaltyMember: ConditionKind<z.infer<typeof memberArgs>> = {
  kind: "loyalty_member",
  label: "Member of a loyalty program",
  args: memberArgs,
  evaluate({ programId: id }, subject) {
    const holds = account(subject, id) !== null;
    return { holds, seen: holds };
  },
  toSql: ({ programId: id }, ctx) => sqlAccount(id, [], ctx),
  describe: ({ programId: id }) => `member of loyalty program ${id}`,
};

const tierArgs = z.object({
  programId,
  tierCodes: z
    .array(z.string().min(1).max(40))
    .min(1, "give at least one tier")
    .max(20)
    .refine((c) => new Set(c).size === c.length, "lists a tier twice"),
});

export const loyaltyTier: ConditionKind<z.infer<typeof tierArgs>> = {
  kind: "loyalty_tier",
  label: "Loyalty tier",
  args: tierArgs,
  evaluate({ programId: id, tierCodes }, subject) {
    const a = account(subject, id);
    if (!a) return { holds: false, seen: null };
    return { holds: a.tierCode !== null && tierCodes.includes(a.tierCode), seen: a.tierCode };
  },
  toSql: ({ programId: id, tierCodes }, ctx) =>
    sqlAccount(id, [`la.tier_code = ANY(${ctx.params.bind(tierCodes, "text[]")})`], ctx),
  describe: ({ tierCodes }) => `loyalty tier is ${tierCodes.join(" or ")}`,
};

const balanceArgs = z.object({ programId, compare: numberComparison });

export const loyaltyBalance: ConditionKind<z.infer<typeof balanceArgs>> = {
  kind: "loyalty_balance",
  label: "Loyalty balance",
  args: balanceArgs,
  evaluate({ programId: id, compare }, subject) {
    const a = account(subject, id);
    if (!a) return { holds: false, seen: null };
    return { holds: compareNumber(a.balance, compare), seen: a.balance };
  },
  toSql: ({ programId: id, compare }, ctx) =>
    sqlAccount(id, [sqlCompareNumber("la.balance", compare, ctx.params)], ctx),
  describe: ({ compare }) => `loyalty balance ${describeNumber(compare)}`,
};

const earnedArgs = z.object({
  programId,
  /** Earned in the last N days. */
  days: z.number().int().min(1).max(3650),
  compare: numberComparison,
});

export const loyaltyPointsEarned: ConditionKind<z.infer<typeof earnedArgs>> = {
  kind: "loyalty_points_earned",
  label: "Points earned in a window",
  args: earnedArgs,
  evaluate({ programId: id, days, compare }, subject, ctx) {
    const a = account(subject, id);
    if (!a) return { holds: false, seen: null };
    const from = ctx.now.getTime() - days * DAY_MS;
    const earned = a.earnings
      .filter((e) => e.at.getTime() >= from && e.at.getTime() <= ctx.now.getTime())
      .reduce((s, e) => s + e.amount, 0);
    return { holds: compareNumber(earned, compare), seen: earned };
  },
  toSql({ programId: id, days, compare }, ctx) {
    const from = new Date(ctx.now.getTime() - days * DAY_MS);
    const earned = `(SELECT coalesce(sum(le.amount + le.pending_delta), 0) FROM ledger_entries le
      WHERE le.program_id = la.program_id AND le.customer_id = la.customer_id
        AND le.kind IN ('earn', 'pending', 'reverse') AND le.redemption_id IS NULL
        AND le.occurred_at >= ${ctx.params.bind(from, "timestamptz")} AND le.occurred_at <= ${ctx.params.bind(ctx.now, "timestamptz")})`;
    return sqlAccount(id, [sqlCompareNumber(earned, compare, ctx.params)], ctx);
  },
  describe: ({ days, compare }) =>
    `loyalty points earned in the last ${days} day${days === 1 ? "" : "s"} ${describeNumber(compare)}`,
};
