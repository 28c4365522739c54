import type { EntityManager } from "typeorm";

/** What a customer can consent to. marketing_email is what segment rules call marketing consent. */
export const CONSENT_PURPOSES = ["marketing_email", "marketing_sms", "profiling"] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/**
 * Where a consent decision was made. A closed list, not free text, so the history holds no
 * personal data and survives an erasure as proof of what was agreed.
 */
export const CONSENT_SOURCES = [
  "web_form",
  "preference_center",
  "checkout",
  "email_link",
  "support",
  "admin",
  "api",
  "import",
  "erasure",
] as const;
export type ConsentSource = (typeof CONSENT_SOURCES)[number];

export interface ConsentEventRow {
  id: string;
  customerId: string;
  purpose: ConsentPurpose;
  granted: boolean;
  source: ConsentSource;
  recordedBy: string;
  occurredAt: Date;
  recordedAt: Date;
}

export const toConsentEvent = (r: Record<string, unknown>): ConsentEventRow => ({
  id: String(r.id),
  customerId: r.customer_id as string,
  purpose: r.purpose as ConsentPurpose,
  granted: r.granted as boolean,
  source: r.source as ConsentSource,
  recordedBy: r.recorded_by as string,
  occurredAt: new Date(r.occurred_at as string),
  recordedAt: new Date(r.recorded_at as string),
});

/**
 * Appends one grant or withdrawal to the history, in the caller's transaction, and keeps
 * `customers.marketing_consent` (what segment rules read) equal to the newest marketing_email
 * decision. A decision dated before the newest one is history only: it cannot overturn it.
 */
export async function appendConsent(
  em: EntityManager,
  e: {
    customerId: string;
    purpose: ConsentPurpose;
    granted: boolean;
    source: ConsentSource;
    recordedBy: string;
    occurredAt: Date;
    recordedAt: Date;
  },
): Promise<ConsentEventRow> {
  const [row] = await em.query<Record<string, unknown>[]>(
    `INSERT INTO consent_events (customer_id, purpose, granted, source, recorded_by, occurred_at, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
    [e.customerId, e.purpose, e.granted, e.source, e.recordedBy, e.occurredAt, e.recordedAt],
  );
  if (e.purpose === "marketing_email")
    await em.query(
      `UPDATE customers SET marketing_consent = $2, marketing_consent_at = $3, updated_at = $4
       WHERE id = $1 AND (marketing_consent_at IS NULL OR marketing_consent_at <= $3)`,
      [e.customerId, e.granted, e.occurredAt, e.recordedAt],
    );
  return toConsentEvent(row!);
}

/** Current consent per purpose: the newest decision (by when it was made, then by entry). */
export function currentConsents(history: ConsentEventRow[]): {
  purpose: ConsentPurpose;
  granted: boolean;
  since: Date | null;
  source: ConsentSource | null;
}[] {
  return CONSENT_PURPOSES.map((purpose) => {
    const newest = history
      .filter((h) => h.purpose === purpose)
      .sort(
        (a, b) =>
          b.occurredAt.getTime() - a.occurredAt.getTime() || Number(BigInt(b.id) - BigInt(a.id)),
      )[0];
    return {
      purpose,
      granted: newest?.granted ?? false,
      since: newest?.occurredAt ?? null,
      source: newest?.source ?? null,
    };
  });
}
