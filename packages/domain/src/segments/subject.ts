/**
 * What the in-memory evaluator sees of a customer: the same data the SQL compiler reads
 * from the customers and events tables, as plain values.
 */
export interface SubjectCustomer {
  id: string;
  externalId: string;
  email: string | null;
  name: string | null;
  phone: string | null;
  locale: string;
  birthDate: string | null;
  signedUpAt: Date;
  acquisitionSource: string;
  marketingConsent: boolean;
  tags: string[];
  attributes: Record<string, unknown>;
  personalityColour: string | null;
  referredByCustomerId: string | null;
}

export interface SubjectEvent {
  type: string;
  occurredAt: Date;
  amountMinor: number | null;
  discountMinor: number | null;
  category: string | null;
  payload: Record<string, unknown>;
}

/** A customer's latest survey answers (customer_facts); absent or null: never answered. */
export interface SubjectSurveys {
  /** The latest NPS answer, 0-10. */
  latestNps: number | null;
  latestNpsAt: Date | null;
  /** The latest CSAT answer, 1-5. */
  latestCsat: number | null;
  latestCsatAt: Date | null;
}

/** A customer's account in one loyalty program (loyalty_accounts and its ledger). */
export interface SubjectLoyaltyAccount {
  programId: string;
  status: "enrolled" | "left";
  balance: number;
  tierCode: string | null;
  /** Earn, pending and refund-reversal entries (what "points earned" sums), oldest first. */
  earnings: { at: Date; amount: number }[];
}

export interface Subject {
  customer: SubjectCustomer;
  events: SubjectEvent[];
  surveys?: SubjectSurveys | null;
  loyalty?: SubjectLoyaltyAccount[] | null;
}

export const DAY_MS = 86_400_000;

/** Categories an event is about: every line category of an order, else its category column. */
export function eventCategories(e: SubjectEvent): string[] {
  const cats = e.payload.categories;
  if (Array.isArray(cats)) return cats.filter((c): c is string => typeof c === "string");
  return e.category === null ? [] : [e.category];
}

/** Products an event is about: every line of an order, or the viewed product. */
export function eventProducts(e: SubjectEvent): string[] {
  const out: string[] = [];
  if (typeof e.payload.productId === "string") out.push(e.payload.productId);
  const lines = e.payload.lines;
  if (Array.isArray(lines)) {
    for (const l of lines) {
      const p = (l as { productId?: unknown } | null)?.productId;
      if (typeof p === "string") out.push(p);
    }
  }
  return out;
}
