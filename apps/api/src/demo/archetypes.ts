import type { LifecycleTypeKey } from "@trouw/domain";
import type { Random } from "./random";
import { DAY, HOUR, MINUTE, type PlacedOrder, type Timeline } from "./timeline";
import type { Category, Plan } from "./vocabulary";

/**
 * How each of the sixteen lifecycle types of DOMAIN.md section 2 behaves over time.
 * Each behaviour writes a timeline whose signals put the customer in that type (and
 * sometimes also in another, as real customers are); the segment rules must find them.
 */
export interface BehaviourContext {
  rng: Random;
  t: Timeline;
  now: number;
  signup: number;
}

export interface Archetype {
  /** Share per 100 customers drawn by the schedule; referral customers come from referrers instead. */
  weight: number;
  /** Days between sign-up and now that fit the behaviour. */
  tenureDays: readonly [number, number];
  /** How many favourite categories the customer's orders and views lean towards. */
  favourites: readonly [number, number];
  /** Writes the timeline; returns how many customers this one will refer. */
  behave(ctx: BehaviourContext): number;
}

const PROMO_PAGES = ["promotion", "sale", "category"] as const;

/** n sorted times in [from, to). */
function spread(rng: Random, from: number, to: number, n: number): number[] {
  return Array.from({ length: n }, () => rng.between(from, Math.max(from, to))).sort(
    (a, b) => a - b,
  );
}

/** An order, often preceded by a short browsing session, sometimes refunded later. */
function shop(
  ctx: BehaviourContext,
  at: number,
  opts: {
    discountRate?: number;
    refundRate?: number;
    sessionRate?: number;
    category?: Category;
  } = {},
): PlacedOrder {
  const { rng, t, signup } = ctx;
  if (rng.chance(opts.sessionRate ?? 0.35))
    t.session(Math.max(signup, at - rng.between(5 * MINUTE, 40 * MINUTE)), {
      pageViews: rng.int(0, 1),
      productViews: rng.int(0, 2),
    });
  const order = t.order(at, { category: opts.category, discountRate: opts.discountRate });
  if (rng.chance(opts.refundRate ?? 0.04)) t.refund(order);
  return order;
}

/** A customer who is still around: a visit in the last two weeks. */
function recentVisit(ctx: BehaviourContext, withinDays = 14): void {
  ctx.t.session(Math.max(ctx.signup, ctx.now - ctx.rng.between(HOUR, withinDays * DAY)));
}

/** Occasional full-price shoppers get a small discount now and then. */
function usualDiscount(rng: Random): number {
  return rng.chance(0.12) ? rng.between(0.1, 0.2) : 0;
}

/** Repeat orders over more than a year across several categories (loyal and advocates). */
function loyalBehaviour(ctx: BehaviourContext): void {
  const { rng, t, now, signup } = ctx;
  const start = signup + rng.between(0, 30 * DAY);
  const end = now - rng.between(DAY, 30 * DAY);
  const n = rng.int(7, 14);
  const times = [start, ...spread(rng, start + DAY, end - DAY, n - 2), end];
  times.forEach((at, i) =>
    shop(ctx, at, {
      category: t.favourites[i] ?? t.favourite(),
      discountRate: usualDiscount(rng),
      refundRate: 0.03,
      sessionRate: 0.3,
    }),
  );
  recentVisit(ctx, 20);
  if (rng.chance(0.35))
    t.subscribe(t.time(start, end - 30 * DAY), rng.pick(["plus", "premium"] as const));
  if (rng.chance(0.15)) t.supportContact(t.time(start, now), "other");
}

/** Orders spread over the tenure up to a recent last order, with a recent visit. */
function regularBuyer(ctx: BehaviourContext, orders: number, lastWithinDays: number): void {
  const { rng, now, signup } = ctx;
  const last = now - rng.between(DAY, lastWithinDays * DAY);
  for (const at of [...spread(rng, signup + DAY, last - DAY, orders - 1), last])
    shop(ctx, at, { discountRate: usualDiscount(rng) });
  recentVisit(ctx);
}

export const ARCHETYPES: Record<LifecycleTypeKey, Archetype> = {
  lookers: {
    weight: 16,
    tenureDays: [1, 400],
    favourites: [1, 3],
    behave({ rng, t, now, signup }) {
      t.session(signup + rng.between(0, HOUR));
      for (let i = rng.int(0, 3); i > 0; i--) t.session(t.time(signup + HOUR, now));
      return 0;
    },
  },
  discount: {
    weight: 7,
    tenureDays: [60, 900],
    favourites: [1, 3],
    behave(ctx) {
      const { rng, t, now, signup } = ctx;
      const n = rng.int(2, 6);
      // At most one full-price order, and only among four or more: discounts stay the clear majority.
      const fullPriceAt = n >= 4 && rng.chance(0.5) ? rng.int(0, n - 1) : -1;
      spread(rng, signup + DAY, now - HOUR, n).forEach((at, i) => {
        if (rng.chance(0.4))
          t.session(at - rng.between(5 * MINUTE, HOUR), { pageViews: 1, pageTypes: PROMO_PAGES });
        shop(ctx, at, {
          discountRate: i === fullPriceAt ? 0 : rng.between(0.15, 0.4),
          sessionRate: 0,
        });
      });
      return 0;
    },
  },
  researchers: {
    weight: 4,
    tenureDays: [45, 900],
    favourites: [1, 2],
    behave(ctx) {
      const { rng, t, now, signup } = ctx;
      const tenure = Math.floor((now - signup) / DAY);
      const firstOrderAt =
        signup + rng.int(14, Math.min(60, tenure - 2)) * DAY + rng.between(0, DAY);
      t.researchSession(signup + rng.between(0, HOUR));
      for (let i = rng.int(1, 4); i > 0; i--)
        t.researchSession(t.time(signup + HOUR, firstOrderAt - 2 * HOUR));
      if (rng.chance(0.35))
        t.supportContact(t.time(signup, firstOrderAt - HOUR), "presales_question");
      shop(ctx, firstOrderAt, { sessionRate: 0 });
      if (rng.chance(0.4) && firstOrderAt + 7 * DAY < now)
        shop(ctx, t.time(firstOrderAt + 7 * DAY, now), { discountRate: usualDiscount(rng) });
      return 0;
    },
  },
  impulse: {
    weight: 5,
    tenureDays: [1, 700],
    favourites: [1, 3],
    behave({ rng, t, now, signup }) {
      // Landed on a time-limited offer and bought within the hour.
      const end = t.session(signup + rng.between(0, 10 * MINUTE), {
        pageViews: 1,
        productViews: rng.int(0, 1),
        pageTypes: PROMO_PAGES,
      });
      t.order(end + rng.between(MINUTE, 20 * MINUTE), {
        maxLines: 2,
        discountRate: rng.chance(0.5) ? 0.2 : 0,
      });
      for (let i = rng.int(0, 3); i > 0 && signup + 2 * DAY < now; i--) {
        const at = t.session(t.time(signup + DAY, now - HOUR), {
          pageViews: 1,
          productViews: 1,
          pageTypes: PROMO_PAGES,
        });
        t.order(at + rng.between(MINUTE, 20 * MINUTE), {
          maxLines: 2,
          discountRate: rng.chance(0.5) ? 0.2 : 0,
        });
      }
      return 0;
    },
  },
  unsure: {
    weight: 3,
    tenureDays: [3, 300],
    favourites: [1, 2],
    behave({ rng, t, now, signup }) {
      t.session(signup + rng.between(0, HOUR), { pageTypes: ["size_guide", "category", "search"] });
      for (let i = rng.int(0, 2); i > 0; i--) t.session(t.time(signup + HOUR, now));
      for (let i = rng.int(2, 4); i > 0; i--)
        t.supportContact(t.time(signup, now), "presales_question");
      return 0;
    },
  },
  switchers: {
    weight: 3,
    tenureDays: [1, 150],
    favourites: [1, 2],
    behave(ctx) {
      const { rng, t, now, signup } = ctx;
      t.session(signup + rng.between(0, HOUR), {
        pageViews: 2,
        pageTypes: ["comparison", "category", "home"],
      });
      for (let i = rng.int(0, 2); i > 0; i--) t.session(t.time(signup + HOUR, now));
      if (rng.chance(0.2)) t.supportContact(t.time(signup, now), "presales_question");
      if (rng.chance(0.25)) shop(ctx, t.time(signup + HOUR, now));
      return 0;
    },
  },
  new: {
    weight: 6,
    tenureDays: [1, 200],
    favourites: [1, 2],
    behave(ctx) {
      const { rng, t, now, signup } = ctx;
      // The first order falls in the last 29 days, after any earlier browsing.
      const first = t.time(Math.max(signup + 10 * MINUTE, now - 29 * DAY), now - 10 * MINUTE);
      for (let i = signup < first - DAY ? rng.int(0, 2) : 0; i > 0; i--)
        t.session(t.time(signup, first - DAY));
      shop(ctx, first, { sessionRate: 1, refundRate: 0.02 });
      if (rng.chance(0.25) && first + DAY < now) shop(ctx, t.time(first + DAY, now));
      if (rng.chance(0.15)) t.supportContact(t.time(first, now), "other");
      return 0;
    },
  },
  active: {
    weight: 15,
    tenureDays: [150, 1000],
    favourites: [1, 2],
    behave(ctx) {
      const { rng, t, signup } = ctx;
      // Regular orders every three to six weeks, over less than a year: not (yet) loyal.
      const times: number[] = [];
      for (
        let at = ctx.now - rng.between(DAY, 40 * DAY), k = rng.int(3, 7);
        k > 0 && at > signup + DAY;
        k--
      ) {
        times.unshift(at);
        at -= rng.between(20 * DAY, 45 * DAY);
      }
      for (const at of times) shop(ctx, at, { discountRate: usualDiscount(rng) });
      recentVisit(ctx);
      if (rng.chance(0.15)) t.subscribe(times[0]!, "basic");
      return 0;
    },
  },
  lapsed: {
    weight: 12,
    tenureDays: [220, 1100],
    favourites: [1, 3],
    behave(ctx) {
      const { rng, t, now, signup } = ctx;
      const tenure = (now - signup) / DAY;
      const last = now - rng.between(181, Math.min(tenure - 10, 700)) * DAY;
      for (const at of [...spread(rng, signup + DAY, last - DAY, rng.int(0, 4)), last])
        shop(ctx, at, { discountRate: usualDiscount(rng), refundRate: 0.05 });
      if (rng.chance(0.4)) t.session(t.time(last + DAY, last + 60 * DAY));
      return 0;
    },
  },
  unhappy: {
    weight: 5,
    tenureDays: [60, 900],
    favourites: [1, 2],
    behave(ctx) {
      const { rng, t, now, signup } = ctx;
      const orders = spread(rng, signup + HOUR, now - 2 * DAY, rng.int(1, 4)).map((at) =>
        shop(ctx, at, { refundRate: 0.3 }),
      );
      for (let i = rng.int(1, 3); i > 0; i--)
        t.supportContact(rng.pick(orders).at + rng.between(DAY, 20 * DAY), "complaint");
      if (rng.chance(0.5)) {
        const plan: Plan = rng.pick(["plus", "premium"] as const);
        const startedAt = t.time(signup, now - 30 * DAY);
        const changedAt = t.time(startedAt + 7 * DAY, now);
        t.subscribe(startedAt, plan, changedAt);
        if (rng.chance(0.6)) t.subscription(changedAt, "auto_renew_cancelled", plan);
        else t.subscription(changedAt, "downgraded", plan === "premium" ? "plus" : "basic");
      }
      return 0;
    },
  },
  at_risk: {
    weight: 8,
    tenureDays: [150, 1100],
    favourites: [1, 3],
    behave(ctx) {
      const { rng, t, now, signup } = ctx;
      // Nothing at all after the last visit, 60 to 120 days ago; that visit ended in the last order.
      const lastVisit = now - rng.between(60 * DAY + 2 * HOUR, 120 * DAY);
      for (const at of spread(rng, signup + DAY, lastVisit - DAY, rng.int(1, 5)))
        shop(ctx, at, { discountRate: usualDiscount(rng), refundRate: 0 });
      const end = t.session(lastVisit);
      t.order(end + rng.between(MINUTE, 10 * MINUTE));
      return 0;
    },
  },
  referral: {
    weight: 0,
    tenureDays: [3, 120],
    favourites: [1, 2],
    behave(ctx) {
      const { rng, t, now, signup } = ctx;
      t.session(signup + rng.between(0, HOUR));
      if (rng.chance(0.65)) {
        const first = shop(ctx, t.time(signup + HOUR, now - HOUR), { sessionRate: 1 });
        if (rng.chance(0.3) && first.at + DAY < now) shop(ctx, t.time(first.at + DAY, now));
      }
      return 0;
    },
  },
  loyal: {
    weight: 8,
    tenureDays: [430, 1100],
    favourites: [3, 4],
    behave(ctx) {
      loyalBehaviour(ctx);
      return 0;
    },
  },
  lifetime: {
    weight: 2,
    tenureDays: [200, 1100],
    favourites: [2, 3],
    behave(ctx) {
      const { rng, t, now, signup } = ctx;
      regularBuyer(ctx, rng.int(3, 10), 60);
      const startedAt = t.time(signup, now - 60 * DAY);
      const lifetimeAt = t.time(startedAt + 30 * DAY, now - DAY);
      t.subscribe(startedAt, "premium", lifetimeAt);
      t.subscription(lifetimeAt, "lifetime", "lifetime");
      return 0;
    },
  },
  referring: {
    weight: 4,
    tenureDays: [200, 1100],
    favourites: [1, 3],
    behave(ctx) {
      regularBuyer(ctx, ctx.rng.int(3, 9), 45);
      return ctx.rng.chance(0.7) ? 1 : 2;
    },
  },
  advocates: {
    weight: 2,
    tenureDays: [430, 1100],
    favourites: [3, 4],
    behave(ctx) {
      loyalBehaviour(ctx);
      return ctx.rng.int(3, 5);
    },
  },
};

/** Archetypes a referred customer can have, given how long ago the referral happened. */
export const REFERRED_ARCHETYPES: readonly LifecycleTypeKey[] = [
  "referral",
  "new",
  "active",
  "at_risk",
  "lapsed",
  "loyal",
];
