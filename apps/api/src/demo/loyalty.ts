import { qualifyingTier, type ConfigOf } from "@trouw/domain";
import type { Database } from "../db/database";
import type { RequestActor } from "../context";
import type { Services } from "../services";

const DEMO_ACTOR: RequestActor = {
  actor: { kind: "user", id: "demo", email: "demo@trouw.local", name: "Demo data", role: "admin" },
  caller: "system:demo",
};

const TIERS: ConfigOf<"tiered">["tiers"] = [
  { code: "bronze", name: "Bronze", threshold: 0, earnMultiplier: 1, perks: [] },
  {
    code: "silver",
    name: "Silver",
    threshold: 250,
    earnMultiplier: 1.25,
    perks: ["Free shipping"],
  },
  {
    code: "gold",
    name: "Gold",
    threshold: 1000,
    earnMultiplier: 1.5,
    perks: ["Free shipping", "Early access to sales", "A gift on your birthday"],
  },
];

/**
 * Demo loyalty: a points program, a tiered club and a punch card with a rewards catalog, and
 * opening balances earned from the demo order history (1 point per euro paid, net of refunds,
 * over the last 24 months), written set-based so the first start stays quick.
 */
export async function seedDemoLoyalty(
  db: Database,
  services: Services,
  now: Date,
): Promise<{ programs: number; accounts: number }> {
  const points = await services.programs.create(DEMO_ACTOR, {
    name: "Trouw Points",
    description: "1 point per euro; shoes earn double. Points expire after 24 months.",
    currency: "EUR",
    config: {
      type: "points",
      earning: {
        rate: { points: 1, perMinor: 100 },
        categoryMultipliers: { shoes: 2 },
        bonuses: { signup: 50, birthday: 100, survey_answered: 25 },
        expiry: { kind: "fixed", months: 24 },
        expiringNoticeDays: 30,
      },
    },
  });
  const club = await services.programs.create(DEMO_ACTOR, {
    name: "Trouw Club",
    description: "Bronze, Silver and Gold by points earned in the last 12 months.",
    currency: "EUR",
    config: {
      type: "tiered",
      earning: { rate: { points: 1, perMinor: 100 } },
      tiers: TIERS,
      qualification: { basis: "points_earned", window: { kind: "rolling", months: 12 } },
      downgradePolicy: "drop_one",
      anniversaryReward: { description: "Free shipping on your next order" },
    },
  });
  const card = await services.programs.create(DEMO_ACTOR, {
    name: "Sock drawer card",
    description: "Every fifth order of socks over €10 earns a free pair.",
    currency: "EUR",
    config: {
      type: "punch_card",
      punchesRequired: 5,
      minimumOrderMinor: 1000,
      categories: ["socks"],
      rewardDescription: "A free pair of socks",
    },
  });
  for (const p of [points, club, card]) await services.programs.setStatus(p.id, "active");

  const catalog: [string, Parameters<Services["programs"]["createReward"]>[1]][] = [
    [points.id, { kind: "discount_amount", name: "€5 off", cost: 500, valueMinor: 500 }],
    [points.id, { kind: "free_shipping", name: "Free shipping", cost: 250 }],
    [points.id, { kind: "gift", name: "Canvas tote bag", cost: 1200, stock: 100 }],
    [
      points.id,
      {
        kind: "experience",
        name: "Running clinic with our coach",
        cost: 3000,
        stock: 20,
        perCustomerLimit: 1,
      },
    ],
    [club.id, { kind: "discount_percent", name: "10% off one order", cost: 800, percent: 10 }],
    [
      club.id,
      {
        kind: "special_mention",
        name: "Your name on our wall of fame",
        cost: 0,
        perCustomerLimit: 1,
        tierCodes: ["gold"],
      },
    ],
  ];
  for (const [programId, reward] of catalog)
    await services.programs.createReward(programId, reward);

  const since = new Date(now.getTime());
  since.setUTCMonth(since.getUTCMonth() - 24);
  const accounts = await db.transaction(async (em) => {
    for (const programId of [points.id, club.id]) {
      await em.query(
        `INSERT INTO loyalty_accounts (program_id, customer_id, enrolled_at, updated_at)
         SELECT $1, customer_id, min(occurred_at), $2 FROM events
         WHERE type = 'order' AND currency = 'EUR' AND occurred_at >= $3 AND occurred_at <= $2
         GROUP BY customer_id`,
        [programId, now, since],
      );
      await em.query(
        `INSERT INTO ledger_entries (id, program_id, customer_id, kind, amount, reason, actor, source_event_id, occurred_at, created_at)
         SELECT gen_random_uuid(), $1, o.customer_id, 'earn', o.pts, 'Opening balance: order ' || o.order_ref, 'system:demo', o.id, o.occurred_at, $2
         FROM (
           SELECT e.id, e.customer_id, e.order_ref, e.occurred_at,
             floor((e.amount_minor - coalesce(r.refunded, 0)) / 100.0)::bigint AS pts
           FROM events e
           LEFT JOIN (SELECT order_ref, sum(amount_minor) AS refunded FROM events WHERE type = 'refund' GROUP BY order_ref) r
             ON r.order_ref = e.order_ref
           WHERE e.type = 'order' AND e.currency = 'EUR' AND e.occurred_at >= $3 AND e.occurred_at <= $2) o
         WHERE o.pts > 0`,
        [programId, now, since],
      );
      await em.query(
        `INSERT INTO ledger_lots (entry_id, program_id, customer_id, source_event_id, state, earned_at, expires_at, remaining)
         SELECT id, program_id, customer_id, source_event_id, 'available', occurred_at,
           CASE WHEN $2 THEN occurred_at + interval '24 months' END, amount
         FROM ledger_entries WHERE program_id = $1`,
        [programId, programId === points.id],
      );
      await em.query(
        `UPDATE loyalty_accounts a SET balance = s.total, lifetime_earned = s.total, last_activity_at = s.last
         FROM (SELECT customer_id, sum(amount) AS total, max(occurred_at) AS last FROM ledger_entries
               WHERE program_id = $1 GROUP BY customer_id) s
         WHERE a.program_id = $1 AND a.customer_id = s.customer_id`,
        [programId],
      );
    }
    // Tiers by the same rule as live earning: points earned in the last 12 months.
    const yearAgo = new Date(now.getTime());
    yearAgo.setUTCMonth(yearAgo.getUTCMonth() - 12);
    const earned = await em.query<{ customer_id: string; n: string }[]>(
      `SELECT a.customer_id, coalesce(sum(l.amount) FILTER (WHERE l.occurred_at >= $2), 0) AS n
       FROM loyalty_accounts a LEFT JOIN ledger_entries l ON l.program_id = a.program_id AND l.customer_id = a.customer_id
       WHERE a.program_id = $1 GROUP BY a.customer_id`,
      [club.id, yearAgo],
    );
    const ids = earned.map((r) => r.customer_id);
    const tiers = earned.map((r) => qualifyingTier(TIERS, Number(r.n)).code);
    await em.query(
      `UPDATE loyalty_accounts a SET tier_code = t.tier, tier_since = $3
       FROM unnest($1::uuid[], $2::text[]) AS t(customer_id, tier)
       WHERE a.program_id = $4 AND a.customer_id = t.customer_id`,
      [ids, tiers, now, club.id],
    );
    const [{ n }] = (await em.query(`SELECT count(*)::int AS n FROM loyalty_accounts`)) as [
      { n: number },
    ];
    return n;
  });
  return { programs: 3, accounts };
}
