import type {
  EventType,
  SubscriptionChange,
  SupportContactKind,
  SupportContactStatus,
} from "@trouw/domain";
import type { Random } from "./random";
import type { DemoEvent, DemoSupportContact, JsonObject } from "./types";
import {
  CATEGORIES,
  LIFETIME_PRICE,
  PAGE_TYPES_BROWSING,
  PAGE_TYPES_RESEARCH,
  PLANS,
  PRODUCTS_PER_CATEGORY,
  REFUND_REASONS,
  SUPPORT_NOTES,
  SUPPORT_RESOLUTIONS,
  SUPPORT_SUBJECTS,
  productId,
  productPrice,
  type Category,
  type Plan,
} from "./vocabulary";

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface OrderOptions {
  /** Category of the first line; the order's `category` column. */
  category?: Category;
  /** Discount rate for every line, e.g. 0.25; 0 or absent for a full-price order. */
  discountRate?: number;
  maxLines?: number;
}

export interface PlacedOrder {
  ref: string;
  at: number;
  netMinor: number;
}

export interface SessionOptions {
  productViews?: number;
  pageViews?: number;
  pageTypes?: readonly string[];
  category?: Category;
}

const CHANNELS = [
  ["email", 40],
  ["chat", 30],
  ["phone", 20],
  ["store", 10],
] as const;

/**
 * Builds one customer's events and support contacts. Every timestamp is clamped to `now`,
 * so archetype code can reason in plain offsets without ever emitting a future event.
 */
export class Timeline {
  readonly events: DemoEvent[] = [];
  readonly contacts: DemoSupportContact[] = [];
  private orders = 0;

  constructor(
    private readonly rng: Random,
    readonly customerId: string,
    /** Customer number, for human-readable order references that are unique per data set. */
    private readonly customerNumber: number,
    readonly now: number,
    /** The customer's favourite categories; orders and product views lean towards them. */
    readonly favourites: readonly Category[],
  ) {}

  /** A time uniformly between from and to, never after now. */
  time(from: number, to: number): number {
    return Math.min(this.now, Math.max(from, this.rng.between(from, Math.max(from, to))));
  }

  /** A visit plus some page and product views in the following minutes; returns the session's end. */
  session(at: number, opts: SessionOptions = {}): number {
    const rng = this.rng;
    let t = at;
    const landing = opts.category ?? this.favourite();
    this.add("visit", t, { payload: { url: rng.chance(0.5) ? "/" : `/c/${landing}` } });
    const pageViews = opts.pageViews ?? rng.int(0, 1);
    const productViews = opts.productViews ?? rng.int(0, 2);
    for (let i = 0; i < pageViews + productViews; i++) {
      t += rng.int(10, 240) * 1000;
      // Interleave page and product views the way a visitor clicks around.
      if (i < pageViews) {
        const pageType = rng.pick(opts.pageTypes ?? PAGE_TYPES_BROWSING);
        this.add("page_view", t, { payload: { url: `/${pageType.replace("_", "-")}`, pageType } });
      } else {
        const category = rng.chance(0.8)
          ? (opts.category ?? this.favourite())
          : rng.pick(CATEGORIES);
        const pid = productId(category, rng.int(1, PRODUCTS_PER_CATEGORY));
        this.add("product_view", t, { category, payload: { url: `/p/${pid}`, productId: pid } });
      }
    }
    return t;
  }

  /** A research session: comparison, documentation and case-study pages plus many product views. */
  researchSession(at: number): number {
    return this.session(at, {
      pageViews: this.rng.int(1, 2),
      productViews: this.rng.int(2, 5),
      pageTypes: PAGE_TYPES_RESEARCH,
    });
  }

  order(at: number, opts: OrderOptions = {}): PlacedOrder {
    const rng = this.rng;
    const lineCount = Math.min(
      opts.maxLines ?? 4,
      rng.weighted([
        [1, 60],
        [2, 28],
        [3, 9],
        [4, 3],
      ] as const),
    );
    const rate = opts.discountRate ?? 0;
    const lines: JsonObject[] = [];
    const categories = new Set<Category>();
    let gross = 0;
    let discount = 0;
    for (let i = 0; i < lineCount; i++) {
      const category =
        i === 0
          ? (opts.category ?? this.favourite())
          : rng.chance(0.6)
            ? this.favourite()
            : rng.pick(CATEGORIES);
      const n = rng.int(1, PRODUCTS_PER_CATEGORY);
      const quantity = rng.weighted([
        [1, 85],
        [2, 12],
        [3, 3],
      ] as const);
      const amountMinor = productPrice(category, n) * quantity;
      // Rounded down so a line's discount never reaches its amount and every order has net > 0.
      const discountMinor = Math.floor(amountMinor * rate);
      lines.push({
        productId: productId(category, n),
        category,
        quantity,
        amountMinor,
        discountMinor,
      });
      categories.add(category);
      gross += amountMinor;
      discount += discountMinor;
    }
    const first = lines[0]!;
    const ref = `ORD-${String(this.customerNumber).padStart(7, "0")}-${String(++this.orders).padStart(2, "0")}`;
    const netMinor = gross - discount;
    const itemCount = lines.reduce((sum, l) => sum + (l.quantity as number), 0);
    const time = this.add("order", at, {
      amountMinor: netMinor,
      discountMinor: discount,
      currency: "EUR",
      category: first.category as string,
      orderRef: ref,
      payload: { lines, grossMinor: gross, itemCount, categories: [...categories].sort() },
    });
    return { ref, at: time, netMinor };
  }

  /** Refunds part or all of an order a few days later, unless that would lie after now. */
  refund(order: PlacedOrder): void {
    const at = order.at + this.rng.between(2 * DAY, 20 * DAY);
    if (at > this.now) return;
    const amount = this.rng.chance(0.6)
      ? order.netMinor
      : Math.max(1, Math.floor(order.netMinor * this.rng.between(0.2, 0.8)));
    this.add("refund", at, {
      amountMinor: amount,
      currency: "EUR",
      orderRef: order.ref,
      payload: { reason: this.rng.pick(REFUND_REASONS) },
    });
  }

  supportContact(at: number, kind: SupportContactKind): void {
    const rng = this.rng;
    const openedAt = Math.min(at, this.now);
    const ageDays = (this.now - openedAt) / DAY;
    // Old contacts are settled; recent ones are still being worked on.
    const status: SupportContactStatus =
      ageDays > 14
        ? rng.weighted([
            ["resolved", 75],
            ["closed", 25],
          ] as const)
        : rng.weighted([
            ["open", 40],
            ["pending", 30],
            ["resolved", 30],
          ] as const);
    const settledAt = Math.min(this.now, openedAt + rng.between(HOUR, 7 * DAY));
    const subject = rng.pick(SUPPORT_SUBJECTS[kind]);
    const id = rng.uuid();
    const contact: DemoSupportContact = {
      id,
      customerId: this.customerId,
      kind,
      status,
      channel: rng.weighted(CHANNELS),
      subject,
      note: rng.chance(0.6) ? rng.pick(SUPPORT_NOTES) : null,
      resolution: status === "resolved" ? rng.pick(SUPPORT_RESOLUTIONS[kind]) : null,
      // Unsettled contacts carry a reminder; some are overdue, some still ahead.
      followUpAt:
        status === "open" || status === "pending"
          ? new Date(openedAt + rng.between(DAY, 5 * DAY))
          : null,
      openedAt: new Date(openedAt),
      updatedAt: new Date(
        status === "open"
          ? openedAt
          : status === "pending"
            ? Math.min(this.now, openedAt + rng.between(HOUR, DAY))
            : settledAt,
      ),
      resolvedAt: status === "resolved" ? new Date(settledAt) : null,
    };
    this.contacts.push(contact);
    this.add("support_contact", openedAt, { payload: { contactId: id, kind, subject } });
  }

  subscription(at: number, change: SubscriptionChange, plan: Plan | "lifetime"): void {
    const price = change === "lifetime" ? LIFETIME_PRICE : plan === "lifetime" ? null : PLANS[plan];
    const paid =
      change === "started" ||
      change === "renewed" ||
      change === "upgraded" ||
      change === "lifetime";
    this.add("subscription", at, {
      amountMinor: paid ? price : null,
      currency: paid ? "EUR" : null,
      payload: { change, plan },
    });
  }

  /** Yearly renewals of a plan from `startedAt` until now or `until`. */
  subscribe(startedAt: number, plan: Plan, until = this.now): void {
    this.subscription(startedAt, "started", plan);
    for (let t = startedAt + 365 * DAY; t <= until; t += 365 * DAY)
      this.subscription(t, "renewed", plan);
  }

  favourite(): Category {
    return this.rng.pick(this.favourites);
  }

  /** Appends an event; returns the (clamped) time it occurred. */
  add(type: EventType, at: number, fields: EventFields = {}): number {
    const event = makeEvent(this.rng, this.now, this.customerId, type, at, fields);
    this.events.push(event);
    return event.occurredAt.getTime();
  }
}

export type EventFields = Partial<
  Pick<
    DemoEvent,
    "amountMinor" | "discountMinor" | "currency" | "category" | "orderRef" | "payload"
  >
>;

/** One event row at `at` (clamped to now), recorded a little later but never after now. */
export function makeEvent(
  rng: Random,
  now: number,
  customerId: string,
  type: EventType,
  at: number,
  fields: EventFields = {},
): DemoEvent {
  const occurred = Math.min(now, Math.round(at));
  // Most events arrive within seconds; a few come in late through batch imports.
  const delay = rng.chance(0.98) ? rng.int(50, 30_000) : rng.int(MINUTE, 2 * HOUR);
  return {
    id: rng.uuid(),
    customerId,
    type,
    occurredAt: new Date(occurred),
    recordedAt: new Date(Math.min(now, occurred + delay)),
    amountMinor: fields.amountMinor ?? null,
    discountMinor: fields.discountMinor ?? null,
    currency: fields.currency ?? null,
    category: fields.category ?? null,
    orderRef: fields.orderRef ?? null,
    payload: fields.payload ?? {},
  };
}
