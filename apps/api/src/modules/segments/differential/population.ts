/**
 * Random customers and events for the segment differential test: the same values go into the
 * customers and events tables (as ingest writes them) and into the oracle's `Subject`.
 * Value domains are small on purpose, so that rule conditions often land on their boundaries.
 */
import fc from "fast-check";
import {
  ACQUISITION_SOURCES,
  DAY_MS,
  PERSONALITY_COLOURS,
  SUBSCRIPTION_CHANGES,
  SUPPORT_CONTACT_KINDS,
  SUPPORT_CONTACT_STATUSES,
  normaliseTags,
  type Subject,
  type SubjectCustomer,
  type SubjectEvent,
  type SubjectLoyaltyAccount,
  type SubjectSurveys,
} from "@trouw/domain";

/** The instants the populations are built around; one per run, all fixed. */
export const NOWS = [
  new Date("2026-06-15T10:00:00.000Z"),
  new Date("2027-02-28T23:59:59.999Z"),
  new Date("2028-02-29T00:00:00.000Z"),
  new Date("2027-03-01T00:00:00.000Z"),
  new Date("2026-12-31T23:30:00.000Z"),
] as const;

/** Day counts shared by data and rules, so windows and ages often coincide. */
export const DAYS = [0, 1, 7, 30, 180] as const;
export const CATEGORIES = ["shoes", "bags", "socks"] as const;
export const PRODUCTS = ["p-1", "p-2", "P-3", "p-4"] as const;
export const PAGE_TYPES = ["home", "comparison", "size_guide"] as const;
export const TAGS = ["vip", "newsletter", "b2b", "été"] as const;
export const ATTRIBUTE_KEYS = ["shoeSize", "club", "vip"] as const;
export const TEXT_VALUES = [
  "",
  "Anna",
  "anna",
  "ANNA",
  "Ånne",
  "İnci",
  "bob ",
  "Anna@Example.COM",
  "anna@example.com",
  'quote"and\\back,slash{}',
  "nl",
  "NL",
  "gold",
  "Gold",
] as const;

/** One customer of a generated population, with its events. */
export interface GeneratedCustomer {
  customer: SubjectCustomer;
  events: SubjectEvent[];
  loyalty?: SubjectLoyaltyAccount[];
  surveys?: SubjectSurveys | null;
}

/** The loyalty programs a population's accounts belong to. */
export const PROGRAMS = [
  "00000000-0000-4000-9000-000000000001",
  "00000000-0000-4000-9000-000000000002",
] as const;
export const TIER_CODES = ["bronze", "gold", "platinum"] as const;

export interface Population {
  now: Date;
  customers: GeneratedCustomer[];
}

const pick = <T>(values: readonly T[]) => fc.constantFrom(...values);
const nullable = <T>(arb: fc.Arbitrary<T>, freq = 4) =>
  fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: freq, arbitrary: arb });

/**
 * A moment relative to `now` (ms offset): exactly on a window boundary (now - N days, to the
 * millisecond), one ms either side of it, anywhere in the last ~13 months, or a few minutes ahead.
 */
export const timeOffset: fc.Arbitrary<number> = fc.oneof(
  { weight: 4, arbitrary: pick(DAYS).map((d) => -d * DAY_MS) },
  {
    weight: 2,
    arbitrary: fc.tuple(pick(DAYS), pick([-1, 1])).map(([d, e]) => -d * DAY_MS + e),
  },
  { weight: 4, arbitrary: fc.integer({ min: -400 * DAY_MS, max: 0 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 10 * 60_000 }) },
);

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** A birth date: a fixed awkward one (Feb 29, year ends) or a birthday N days from `now`. */
type BirthSpec = string | { year: number; ahead: number };
const birthSpec: fc.Arbitrary<BirthSpec> = fc.oneof(
  pick([
    "2000-02-29",
    "1996-02-29",
    "1999-02-28",
    "1999-03-01",
    "1990-12-31",
    "1990-01-01",
    "1985-06-15",
  ]),
  fc.record({
    year: pick([1961, 1984, 1999, 2000]),
    ahead: pick([-1, 0, 1, 6, 7, 8, 29, 30, 31, 180, 181, 364]),
  }),
);

function birthDate(spec: BirthSpec, now: Date): string {
  if (typeof spec === "string") return spec;
  const md = iso(new Date(now.getTime() + spec.ahead * DAY_MS)).slice(5);
  // Feb 29 only exists in leap years.
  return md === "02-29" ? `2000-${md}` : `${spec.year}-${md}`;
}

const attributeValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: pick(["gold", "Gold", "", "GOLDEN", "39"]) },
  { weight: 3, arbitrary: pick([0, 39, 39.5, -1, 100, 0.1, 0.3, 1e21]) },
  { weight: 2, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constant({ level: "gold", size: 39 }) },
  { weight: 1, arbitrary: fc.constant(["gold"]) },
);

/** A customer whose dates are offsets from a `now` chosen later (so shrinking stays simple). */
const rawCustomer = fc.record({
  externalIdPrefix: pick(["cust-", "CUST-", "Vip-", ""]),
  email: nullable(pick(TEXT_VALUES)),
  name: nullable(pick(TEXT_VALUES)),
  phone: nullable(pick(["+31 6 1234 5678", "", "0612345678"]), 1),
  locale: pick(["en", "nl", "NL", "de-DE"]),
  birthDate: nullable(birthSpec, 3),
  signedUpAt: timeOffset,
  acquisitionSource: pick(ACQUISITION_SOURCES),
  marketingConsent: fc.boolean(),
  tags: fc.subarray([...TAGS]).map(normaliseTags),
  attributes: fc.dictionary(pick(ATTRIBUTE_KEYS), attributeValue, { maxKeys: 3 }),
  personalityColour: nullable(pick(PERSONALITY_COLOURS), 2),
});
type RawCustomer = typeof rawCustomer extends fc.Arbitrary<infer T> ? T : never;

export const customerId = (index: number) =>
  `00000000-0000-4000-8000-${String(index + 1).padStart(12, "0")}`;

function materialiseCustomer(raw: RawCustomer, index: number, now: Date): SubjectCustomer {
  const { externalIdPrefix, birthDate: birth, signedUpAt, ...rest } = raw;
  return {
    ...rest,
    id: customerId(index),
    externalId: `${externalIdPrefix}${index + 1}`,
    birthDate: birth === null ? null : birthDate(birth, now),
    signedUpAt: new Date(now.getTime() + signedUpAt),
    referredByCustomerId: null,
  };
}

interface Line {
  productId: string;
  category: string | null;
  quantity: number;
  amountMinor: number;
  discountMinor: number;
}

const line: fc.Arbitrary<Line> = fc
  .record({
    productId: pick(PRODUCTS),
    category: nullable(pick(CATEGORIES), 5),
    quantity: fc.integer({ min: 1, max: 3 }),
    amountMinor: pick([500, 1000, 2500]),
    discountMinor: pick([0, 0, 100, 500]),
  })
  .map((l) => ({ ...l, discountMinor: Math.min(l.discountMinor, l.amountMinor) }));

/** An order as `recordOrder` stores it (occasionally an older row without `categories`). */
const order = fc
  .tuple(fc.array(line, { minLength: 1, maxLength: 3 }), fc.boolean(), fc.nat(20))
  .map(([lines, channel, legacy]) => {
    const gross = lines.reduce((s, l) => s + l.amountMinor, 0);
    const discount = lines.reduce((s, l) => s + l.discountMinor, 0);
    const categories = [
      ...new Set(lines.map((l) => l.category).filter((c): c is string => !!c)),
    ].sort();
    const payload: Record<string, unknown> = {
      lines,
      grossMinor: gross,
      itemCount: lines.reduce((s, l) => s + l.quantity, 0),
      ...(legacy === 0 ? {} : { categories }),
      ...(channel ? { channel: "web" } : {}),
    };
    return {
      type: "order",
      amountMinor: gross - discount,
      discountMinor: discount,
      category: lines[0]!.category,
      payload,
    };
  });

type EventBody = Omit<SubjectEvent, "occurredAt">;

const plain = (
  type: string,
  payload: fc.Arbitrary<Record<string, unknown>>,
  category: fc.Arbitrary<string | null> = fc.constant(null),
): fc.Arbitrary<EventBody> =>
  fc
    .tuple(payload, category)
    .map(([p, c]) => ({ type, amountMinor: null, discountMinor: null, category: c, payload: p }));

const eventBody: fc.Arbitrary<EventBody> = fc.oneof(
  { weight: 6, arbitrary: order },
  {
    weight: 2,
    arbitrary: fc.tuple(pick([500, 1000]), fc.boolean()).map(([amount, full]) => ({
      type: "refund",
      amountMinor: amount,
      discountMinor: null,
      category: null,
      payload: { full },
    })),
  },
  { weight: 3, arbitrary: plain("visit", fc.constant({ url: "https://shop.test/" })) },
  {
    weight: 2,
    arbitrary: plain(
      "page_view",
      pick(PAGE_TYPES).map((pageType) => ({ url: `/${pageType}`, pageType })),
      nullable(pick(CATEGORIES)),
    ),
  },
  {
    weight: 4,
    arbitrary: plain(
      "product_view",
      pick(PRODUCTS).map((productId) => ({ productId })),
      nullable(pick(CATEGORIES), 3),
    ),
  },
  {
    weight: 1,
    arbitrary: plain(
      "support_contact",
      fc
        .tuple(pick(SUPPORT_CONTACT_KINDS), pick(SUPPORT_CONTACT_STATUSES))
        .map(([kind, status]) => ({ kind, status, subject: "Help", channel: "email" })),
    ),
  },
  {
    weight: 1,
    arbitrary: plain(
      "support_contact_updated",
      fc.constant({ before: { status: "open" }, after: { status: "resolved" } }),
    ),
  },
  {
    weight: 1,
    arbitrary: plain(
      "referral",
      fc.constant({ referredCustomerId: "00000000-0000-4000-8000-0000000000ff" }),
    ),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(pick(SUBSCRIPTION_CHANGES), nullable(pick([0, 999, 1000]), 2))
      .map(([change, amount]) => ({
        type: "subscription",
        amountMinor: amount,
        discountMinor: null,
        category: null,
        payload: { change, plan: "Plus" },
      })),
  },
);

const rawEvent = fc.tuple(eventBody, timeOffset);

/** Accounts in some of the programs: any status, balances and tiers, earnings near boundaries. */
const rawLoyalty = fc.uniqueArray(
  fc.record({
    programId: pick(PROGRAMS),
    status: pick(["enrolled", "enrolled", "left"] as const),
    balance: pick([-5, 0, 1, 99, 100, 500]),
    tierCode: nullable(pick(TIER_CODES), 3),
    earnings: fc.array(fc.tuple(timeOffset, pick([-10, 0, 50, 100])), { maxLength: 4 }),
  }),
  { maxLength: 2, selector: (a) => a.programId },
);

/** Latest survey answers (kept in customer_facts), or none; scores on the category edges. */
const rawSurveys = nullable(
  fc.record({
    nps: nullable(pick([0, 6, 7, 8, 9, 10]), 3),
    npsAt: timeOffset,
    csat: nullable(pick([1, 2, 3, 4, 5]), 3),
    csatAt: timeOffset,
  }),
  2,
);

export function population(
  opts: { minCustomers?: number; maxCustomers?: number; maxEvents?: number } = {},
): fc.Arbitrary<Population> {
  const { minCustomers = 5, maxCustomers = 25, maxEvents = 12 } = opts;
  return fc
    .tuple(
      pick(NOWS),
      fc.array(
        fc.tuple(rawCustomer, fc.array(rawEvent, { maxLength: maxEvents }), rawLoyalty, rawSurveys),
        {
          minLength: minCustomers,
          maxLength: maxCustomers,
        },
      ),
    )
    .map(([now, raws]) => ({
      now,
      customers: raws.map(([raw, events, loyalty, surveys], i) => ({
        customer: materialiseCustomer(raw, i, now),
        events: events.map(([body, offset]) => ({
          ...body,
          occurredAt: new Date(now.getTime() + offset),
        })),
        loyalty: loyalty.map((a) => ({
          ...a,
          earnings: a.earnings
            .map(([offset, amount]) => ({ at: new Date(now.getTime() + offset), amount }))
            .sort((x, y) => x.at.getTime() - y.at.getTime()),
        })),
        surveys:
          surveys && (surveys.nps !== null || surveys.csat !== null)
            ? {
                latestNps: surveys.nps,
                latestNpsAt: surveys.nps === null ? null : new Date(now.getTime() + surveys.npsAt),
                latestCsat: surveys.csat,
                latestCsatAt:
                  surveys.csat === null ? null : new Date(now.getTime() + surveys.csatAt),
              }
            : null,
      })),
    }));
}

export const subjectOf = (c: GeneratedCustomer): Subject => ({
  customer: c.customer,
  events: c.events,
  loyalty: c.loyalty ?? [],
  surveys: c.surveys ?? null,
});
