import { randomUUID } from "node:crypto";
import type { Database } from "../../db/database";
import type { Clock } from "../../common/clock";
import { assertNoProblems, badInput, notFound } from "../../common/errors";
import { assertId } from "../../common/ids";
import { idempotent } from "../../common/idempotency";
import type { RequestActor } from "../../context";
import { audit } from "../audit/audit";
import { CustomersService, assertNotErased } from "../customers/customers.service";
import { markDirty } from "../segments/dirty";
import {
  CONSENT_PURPOSES,
  appendConsent,
  currentConsents,
  toConsentEvent,
  type ConsentEventRow,
  type ConsentPurpose,
  type ConsentSource,
} from "./consent";

/**
 * Event payload keys that describe what happened rather than who it happened to. Erasure
 * keeps only these (segment facts and analytics read them); every other key (URLs, session
 * ids, subjects, notes, reasons, anything an integrator sent) is removed.
 */
export const NON_PERSONAL_PAYLOAD_KEYS = [
  "lines",
  "grossMinor",
  "itemCount",
  "categories",
  "channel",
  "kind",
  "change",
  "pageType",
  "productId",
  "contactId",
  "status",
  "full",
  "referredCustomerId",
] as const;

export const MAX_ERASE_REASON = 500;

/** Consent history, export and erasure of one customer's personal data (GDPR). */
export class PrivacyService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /** Appends a consent decision; the same idempotency key replays the first result. */
  recordConsent(
    actor: RequestActor,
    input: {
      customerId?: string | null;
      customerExternalId?: string | null;
      purpose: ConsentPurpose;
      granted: boolean;
      source: ConsentSource;
      occurredAt?: Date | null;
    },
    key?: string | null,
  ): Promise<ConsentEventRow> {
    const now = this.clock.now();
    const occurredAt = input.occurredAt ?? now;
    if (occurredAt.getTime() > now.getTime() + 5 * 60_000)
      throw badInput("Invalid consent", [
        { path: "occurredAt", message: "must not be in the future" },
      ]);
    if (input.source === "erasure")
      throw badInput("Invalid consent", [{ path: "source", message: "is reserved for erasures" }]);
    return this.db.transaction((em) =>
      idempotent(em, {
        caller: actor.caller,
        key,
        operation: "recordConsent",
        request: input,
        now,
        store: (r) => ({ id: r.id }),
        replay: async ({ id }: { id: string }) => {
          const [row] = await em.query<Record<string, unknown>[]>(
            `SELECT * FROM consent_events WHERE id = $1`,
            [id],
          );
          return toConsentEvent(row!);
        },
        effect: async () => {
          const customer = await CustomersService.resolveRef(em, input);
          const event = await appendConsent(em, {
            customerId: customer.id,
            purpose: input.purpose,
            granted: input.granted,
            source: input.source,
            recordedBy: actor.caller,
            occurredAt,
            recordedAt: now,
          });
          if (input.purpose === "marketing_email") await markDirty(em, customer.id, now);
          return event;
        },
      }),
    );
  }

  /** Consent histories of many customers in one statement (for a DataLoader), oldest first. */
  async historyOf(customerIds: readonly string[]): Promise<ConsentEventRow[]> {
    const rows = await this.db.read((em) =>
      em.query<Record<string, unknown>[]>(
        `SELECT * FROM consent_events WHERE customer_id = ANY($1::uuid[]) ORDER BY occurred_at, id`,
        [[...customerIds]],
      ),
    );
    return rows.map(toConsentEvent);
  }

  current = currentConsents;

  /**
   * Everything held about a customer as one JSON document, read by a single statement (so its
   * cost does not grow with the number of kinds or rows), and recorded in the audit log.
   */
  async exportCustomerData(customerId: string): Promise<Record<string, unknown>> {
    assertId(customerId, "customerId");
    const now = this.clock.now();
    return this.db.transaction(async (em) => {
      const [row] = await em.query<{ data: Record<string, unknown> | null }[]>(EXPORT_SQL, [
        customerId,
      ]);
      if (!row?.data) throw notFound("Customer");
      const data = { exportedAt: now.toISOString(), ...row.data };
      await audit.record(
        em,
        {
          entityType: "customer",
          entityId: customerId,
          action: "data_exported",
          after: { kinds: Object.keys(row.data) },
        },
        now,
      );
      return data;
    });
  }

  /**
   * Erases a customer's personal data in one transaction. What is kept (ledger, order amounts,
   * facts, memberships, rollups) stays keyed by the customer's id, which without the external
   * id, name and contact details no longer points at a person: the pseudonym.
   */
  async eraseCustomer(actor: RequestActor, customerId: string, reason: string) {
    assertId(customerId, "customerId");
    const problems = [];
    if (!reason.trim()) problems.push({ path: "reason", message: "must not be empty" });
    if (reason.length > MAX_ERASE_REASON)
      problems.push({ path: "reason", message: `at most ${MAX_ERASE_REASON} characters` });
    assertNoProblems(problems, "Invalid erasure");
    const now = this.clock.now();
    return this.db.transaction(async (em) => {
      const [customer] = await em.query<{ id: string; erased_at: Date | null }[]>(
        `SELECT id, erased_at FROM customers WHERE id = $1${this.db.forUpdate}`,
        [customerId],
      );
      if (!customer) throw notFound("Customer");
      assertNotErased({ id: customer.id, erasedAt: customer.erased_at });
      const counts: Record<string, number> = {};
      const run = async (name: string, sql: string, params: unknown[] = [customerId]) => {
        const result = (await em.query(sql, params)) as unknown;
        // node-postgres and PGlite answer an UPDATE/DELETE with [rows, affected count].
        counts[name] = Array.isArray(result) && typeof result[1] === "number" ? result[1] : 0;
      };
      // Consent ends with the person: every granted purpose is withdrawn, on record.
      const history = await this.historyOfIn(em, customerId);
      for (const c of currentConsents(history).filter((c) => c.granted))
        await appendConsent(em, {
          customerId,
          purpose: c.purpose,
          granted: false,
          source: "erasure",
          recordedBy: actor.caller,
          occurredAt: now,
          recordedAt: now,
        });
      await run(
        "customer",
        `UPDATE customers SET external_id = 'erased:' || $2, email = NULL, name = NULL, phone = NULL,
           birth_date = NULL, tags = '{}', attributes = '{}', personality_colour = NULL,
           marketing_consent = false, erased_at = $3, updated_at = $3
         WHERE id = $1`,
        [customerId, randomUUID(), now],
      );
      await run(
        "eventPayloads",
        `UPDATE events SET payload = coalesce((SELECT jsonb_object_agg(k, v) FROM jsonb_each(payload) AS p(k, v)
           WHERE k = ANY($2::text[])), '{}'::jsonb)
         WHERE customer_id = $1 AND payload <> '{}'::jsonb`,
        [customerId, NON_PERSONAL_PAYLOAD_KEYS],
      );
      await run(
        "supportContacts",
        `UPDATE support_contacts SET subject = '[erased]', note = NULL, resolution = NULL WHERE customer_id = $1`,
      );
      // Open-text answers go; scores and choices (what NPS and the charts count) stay.
      await run(
        "surveyAnswers",
        `UPDATE survey_responses r SET answers = r.answers - coalesce((
           SELECT array_agg(q ->> 'id') FROM surveys s, jsonb_array_elements(s.definition -> 'questions') AS q
           WHERE s.id = r.survey_id AND q ->> 'type' = 'open_text'), '{}'::text[]), invitation_id = NULL
         WHERE customer_id = $1`,
      );
      await run("surveyInvitations", `DELETE FROM survey_invitations WHERE customer_id = $1`);
      await run(
        "webhookDeliveries",
        `DELETE FROM webhook_deliveries d USING outbox o WHERE d.outbox_id = o.id AND o.customer_id = $1`,
      );
      // Outbox rows stay without their content and are never sent; the webhook retention purge
      // removes them in time like any other dispatched event.
      await run(
        "outbox",
        `UPDATE outbox SET payload = jsonb_build_object('customerId', customer_id, 'erased', true),
           delivered_at = coalesce(delivered_at, $2) WHERE customer_id = $1`,
        [customerId, now],
      );
      await markDirty(em, customerId, now);
      await audit.record(
        em,
        {
          entityType: "customer",
          entityId: customerId,
          action: "erased",
          after: { reason: reason.trim(), erasedAt: now, ...counts },
        },
        now,
      );
      return (await CustomersService.resolveRef(em, { customerId }, "customer", "read"))!;
    });
  }

  private async historyOfIn(
    em: Parameters<Parameters<Database["transaction"]>[0]>[0],
    customerId: string,
  ) {
    const rows = await em.query<Record<string, unknown>[]>(
      `SELECT * FROM consent_events WHERE customer_id = $1 ORDER BY occurred_at, id`,
      [customerId],
    );
    return rows.map(toConsentEvent);
  }
}

export { CONSENT_PURPOSES };

const list = (from: string, order: string, select = "to_jsonb(x)") =>
  `coalesce((SELECT jsonb_agg(${select} ORDER BY ${order}) FROM ${from}), '[]'::jsonb)`;

/** One statement: a JSON object with one member per kind of data held about the customer. */
const EXPORT_SQL = `SELECT CASE WHEN c.id IS NULL THEN NULL ELSE jsonb_build_object(
  'profile', to_jsonb(c),
  'consentHistory', ${list("consent_events x WHERE x.customer_id = c.id", "x.occurred_at, x.id")},
  'events', ${list("events x WHERE x.customer_id = c.id", "x.occurred_at, x.id")},
  'supportContacts', ${list("support_contacts x WHERE x.customer_id = c.id", "x.opened_at, x.id")},
  'segmentMemberships', ${list(
    "segment_members x JOIN segments s ON s.id = x.segment_id WHERE x.customer_id = c.id",
    "s.name",
    "jsonb_build_object('segmentId', s.id, 'segmentName', s.name, 'since', x.since)",
  )},
  'segmentHistory', ${list(
    "segment_membership_changes x LEFT JOIN segments s ON s.id = x.segment_id WHERE x.customer_id = c.id",
    "x.at, x.id",
    "jsonb_build_object('segmentId', x.segment_id, 'segmentName', s.name, 'change', x.change, 'at', x.at)",
  )},
  'customerFacts', (SELECT to_jsonb(x) FROM customer_facts x WHERE x.customer_id = c.id),
  'loyaltyAccounts', ${list("loyalty_accounts x WHERE x.customer_id = c.id", "x.enrolled_at, x.program_id")},
  'ledgerEntries', ${list("ledger_entries x WHERE x.customer_id = c.id", "x.seq")},
  'redemptions', ${list("redemptions x WHERE x.customer_id = c.id", "x.created_at, x.id")},
  'surveyResponses', ${list(
    "survey_responses x JOIN surveys s ON s.id = x.survey_id WHERE x.customer_id = c.id",
    "x.submitted_at, x.id",
    "to_jsonb(x) || jsonb_build_object('surveyTitle', s.title)",
  )},
  'surveyInvitations', ${list(
    "survey_invitations x JOIN surveys s ON s.id = x.survey_id WHERE x.customer_id = c.id",
    "x.created_at, x.id",
    "(to_jsonb(x) - 'token_hash') || jsonb_build_object('surveyTitle', s.title)",
  )},
  'outbox', ${list("outbox x WHERE x.customer_id = c.id", "x.id")},
  'webhookDeliveries', ${list(
    "webhook_deliveries x JOIN outbox o ON o.id = x.outbox_id WHERE o.customer_id = c.id",
    "x.seq",
    "to_jsonb(x) - 'lease_token'",
  )}
) END AS data
FROM (SELECT $1::uuid AS id) AS wanted LEFT JOIN customers c ON c.id = wanted.id`;
