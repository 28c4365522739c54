import { describe, expect, it } from "vitest";
import type { LifecycleTypeKey } from "../../customers/lifecycle";
import type { Subject } from "../subject";
import { LIFECYCLE_TEMPLATES } from "./index";
import {
  daysAgo,
  isIn,
  order,
  pageView,
  productView,
  referral,
  subject,
  subscription,
  supportContact,
  visit,
} from "./test-support/subjects";

/** A buyer for five years across three categories, last order ten days ago. */
const loyalOrders = () => [
  order(700, { categories: ["shoes"] }),
  order(500, { categories: ["bags"] }),
  order(300, { categories: ["socks"] }),
  order(100, { categories: ["shoes"] }),
  order(10, { categories: ["bags"] }),
];

/** For each lifecycle type: customers who must be in its segment and customers who must not. */
const CASES: Record<LifecycleTypeKey, { in: [string, Subject][]; out: [string, Subject][] }> = {
  lookers: {
    in: [["two visits, no order", subject([visit(20), pageView(20), visit(3)])]],
    out: [
      ["browsed and bought", subject([visit(20), pageView(20), order(19)])],
      ["a single visit", subject([visit(3)])],
    ],
  },
  discount: {
    in: [
      [
        "three of three orders discounted",
        subject([0, 1, 2].map((i) => order(10 + 30 * i, { discountMinor: 500 }))),
      ],
    ],
    out: [
      [
        "one of three orders discounted",
        subject([order(10, { discountMinor: 500 }), order(40), order(70)]),
      ],
      ["a single discounted order", subject([order(10, { discountMinor: 500 })])],
    ],
  },
  researchers: {
    in: [
      [
        "many product views, first order three weeks after the first visit",
        subject([visit(60), ...[60, 55, 50, 45, 42].map((d) => productView(d)), order(39)]),
      ],
      [
        "read a comparison page, ordered a month later",
        subject([visit(90), pageView(90, "comparison"), order(60)]),
      ],
    ],
    out: [
      [
        "many product views but ordered on day two",
        subject([visit(60), ...[60, 60, 60, 59, 59].map((d) => productView(d)), order(58)]),
      ],
      ["took a month but barely looked", subject([visit(90), pageView(90, "home"), order(60)])],
    ],
  },
  impulse: {
    in: [["bought on the first visit", subject([visit(100), order(100), visit(20)])]],
    out: [
      ["bought a month after the first visit", subject([visit(100), order(70)])],
      ["ordered in store long before visiting online", subject([order(300), visit(10)])],
    ],
  },
  unsure: {
    in: [
      [
        "two pre-sales questions, no order",
        subject([
          visit(30),
          supportContact(29, "presales_question"),
          supportContact(5, "presales_question"),
        ]),
      ],
    ],
    out: [
      [
        "asked twice, then bought",
        subject([
          supportContact(29, "presales_question"),
          supportContact(5, "presales_question"),
          order(2),
        ]),
      ],
      [
        "two contacts, but complaints",
        subject([supportContact(29, "complaint"), supportContact(5, "other")]),
      ],
    ],
  },
  switchers: {
    in: [
      [
        "came from a competitor last month",
        subject([visit(30)], { acquisitionSource: "competitor_switch", signedUpAt: daysAgo(30) }),
      ],
    ],
    out: [
      [
        "came from a competitor two years ago",
        subject([], { acquisitionSource: "competitor_switch", signedUpAt: daysAgo(730) }),
      ],
      ["came through search", subject([], { signedUpAt: daysAgo(30) })],
    ],
  },
  new: {
    in: [["first order ten days ago", subject([visit(10), order(10)])]],
    out: [
      ["first order forty days ago", subject([order(40), order(5)])],
      ["never ordered", subject([visit(5)])],
    ],
  },
  active: {
    in: [["three orders in six months", subject([order(150), order(90), order(20)])]],
    out: [
      ["is loyal", subject([...loyalOrders(), order(50)])],
      ["two orders in six months", subject([order(400), order(90), order(20)])],
    ],
  },
  lapsed: {
    in: [["last order two hundred days ago", subject([order(400), order(200)])]],
    out: [
      ["last order a hundred days ago", subject([order(400), order(100)])],
      ["never ordered", subject([visit(300)])],
    ],
  },
  unhappy: {
    in: [
      ["complained after an order", subject([order(100), supportContact(90, "complaint")])],
      [
        "downgraded the plan",
        subject([order(300), subscription(200, "started"), subscription(30, "downgraded", "plus")]),
      ],
      [
        "cancelled the auto-renewal",
        subject([order(300), subscription(20, "auto_renew_cancelled")]),
      ],
    ],
    out: [
      ["asked a question after an order", subject([order(100), supportContact(90, "other")])],
      ["complained without buying", subject([supportContact(90, "complaint")])],
      ["complained two years ago", subject([order(800), supportContact(790, "complaint")])],
    ],
  },
  at_risk: {
    in: [
      [
        "no visit or order for ninety days",
        subject([order(300), visit(90), order(90), subscription(30, "renewed")]),
      ],
    ],
    out: [
      ["visited last week", subject([order(90), visit(7)])],
      ["quiet but complained", subject([order(90), supportContact(80, "complaint")])],
      ["lapsed", subject([order(200)])],
    ],
  },
  referral: {
    in: [
      [
        "referred three weeks ago",
        subject([visit(20)], { acquisitionSource: "referral", signedUpAt: daysAgo(20) }),
      ],
    ],
    out: [
      [
        "referred a year ago",
        subject([order(300)], { acquisitionSource: "referral", signedUpAt: daysAgo(365) }),
      ],
    ],
  },
  loyal: {
    in: [["five orders over two years in three categories", subject(loyalOrders())]],
    out: [
      [
        "the same orders in one category",
        subject(loyalOrders().map((o) => ({ ...o, payload: { categories: ["shoes"] } }))),
      ],
      ["stopped buying", subject(loyalOrders().map((o) => ({ ...o, occurredAt: daysAgo(800) })))],
      [
        "many orders in a few months",
        subject([10, 20, 30, 40, 50, 60].map((d) => order(d, { categories: ["a", "b", "c"] }))),
      ],
    ],
  },
  lifetime: {
    in: [
      [
        "upgraded to lifetime",
        subject([subscription(400, "started"), subscription(100, "lifetime", "lifetime")]),
      ],
    ],
    out: [["a yearly plan", subject([subscription(400, "started"), subscription(35, "renewed")])]],
  },
  referring: {
    in: [["referred a friend", subject([order(100), referral(50)])]],
    out: [
      ["referred nobody", subject([order(100)])],
      [
        "referred a friend, then complained",
        subject([referral(50), supportContact(10, "complaint")]),
      ],
    ],
  },
  advocates: {
    in: [
      ["loyal with three referrals", subject([...loyalOrders(), ...[300, 200, 50].map(referral)])],
      [
        "lifetime member with three referrals",
        subject([subscription(100, "lifetime", "lifetime"), ...[300, 200, 50].map(referral)]),
      ],
    ],
    out: [
      ["loyal with two referrals", subject([...loyalOrders(), referral(300), referral(50)])],
      ["three referrals, one order", subject([order(30), ...[300, 200, 50].map(referral)])],
    ],
  },
};

describe("lifecycle templates with default parameters", () => {
  for (const t of LIFECYCLE_TEMPLATES) {
    const { in: members, out: others } = CASES[t.key as LifecycleTypeKey];
    for (const [what, s] of members)
      it(`${t.name} include a customer who ${what}`, () => expect(isIn(t.key, s)).toBe(true));
    for (const [what, s] of others)
      it(`${t.name} exclude a customer who ${what}`, () => expect(isIn(t.key, s)).toBe(false));
  }
});

describe("tuning lifecycle templates", () => {
  it("counts a customer as lapsed sooner when the lapsed days go down", () => {
    const s = subject([order(100)]);
    expect(isIn("lapsed", s)).toBe(false);
    expect(isIn("lapsed", s, { lapsedDays: 90 })).toBe(true);
  });

  it("widens new customers, lookers and impulse buyers with their parameters", () => {
    expect(isIn("new", subject([order(40)]), { firstOrderWithinDays: 45 })).toBe(true);
    expect(isIn("lookers", subject([visit(3)]), { minBrowsingEvents: 1 })).toBe(true);
    expect(isIn("impulse", subject([visit(10), order(5)]), { maxDaysToFirstOrder: 7 })).toBe(true);
  });

  it("lets advocates follow a stricter definition of loyal", () => {
    const s = subject([...loyalOrders(), ...[300, 200, 50].map(referral)]);
    expect(isIn("advocates", s)).toBe(true);
    expect(isIn("advocates", s, { loyalMinOrders: 6 })).toBe(false);
    expect(isIn("advocates", s, { minReferrals: 4 })).toBe(false);
  });

  it("keeps at-risk and unhappy apart with the same window", () => {
    const quietComplainer = subject([order(90), supportContact(85, "complaint")]);
    expect(isIn("unhappy", quietComplainer)).toBe(true);
    expect(isIn("at_risk", quietComplainer)).toBe(false);
    expect(isIn("unhappy", quietComplainer, { withinDays: 60 })).toBe(false);
    expect(isIn("at_risk", quietComplainer, { calmDays: 60 })).toBe(true);
  });
});
