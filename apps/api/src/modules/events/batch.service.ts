import type { EntityManager } from "typeorm";
import type { RequestActor } from "../../context";
import type { Database } from "../../db/database";
import { badInput } from "../../common/errors";
import type { SupportService } from "../support/support.service";
import type { SupportContactEntity } from "../support/support-contact.entity";
import type { EventEntity } from "./event.entity";
import { describeError, type EventsService } from "./events.service";
import type { EventInput } from "./events.types";

export const MAX_BATCH_SIZE = 1000;

const KINDS = [
  "order",
  "refund",
  "visit",
  "supportContact",
  "referral",
  "subscriptionChange",
] as const;

export interface BatchItemResult {
  index: number;
  ok: boolean;
  event: EventEntity | null;
  supportContact: SupportContactEntity | null;
  error: { code: string; message: string; problems: { path: string; message: string }[] } | null;
}

/**
 * Records up to 1,000 events in one transaction with a savepoint per item: each item is
 * atomic on its own (a bad item undoes only itself) and gets its own result, while the
 * batch pays for one commit instead of a thousand.
 */
export class BatchService {
  constructor(
    private readonly db: Database,
    private readonly events: EventsService,
    private readonly support: SupportService,
  ) {}

  async record(
    actor: RequestActor,
    items: EventInput[],
  ): Promise<{ results: BatchItemResult[]; acceptedCount: number; rejectedCount: number }> {
    if (items.length > MAX_BATCH_SIZE)
      throw badInput(`A batch holds at most ${MAX_BATCH_SIZE} events; got ${items.length}`, [
        { path: "events", message: `at most ${MAX_BATCH_SIZE} items` },
      ]);
    const results = await this.db.transaction(async (em) => {
      const out: BatchItemResult[] = [];
      // In order: items may depend on earlier ones (an order, then its refund).
      for (const [index, item] of items.entries()) {
        try {
          const { event, supportContact } = await this.recordOne(actor, item, em);
          out.push({ index, ok: true, event, supportContact, error: null });
        } catch (err) {
          const error = describeError(err);
          if (!error) throw err;
          out.push({
            index,
            ok: false,
            event: null,
            supportContact: null,
            error: {
              ...error,
              problems: error.problems.map((p) => ({ ...p, path: `events[${index}].${p.path}` })),
            },
          });
        }
      }
      return out;
    });
    const acceptedCount = results.filter((r) => r.ok).length;
    return { results, acceptedCount, rejectedCount: results.length - acceptedCount };
  }

  private async recordOne(
    actor: RequestActor,
    item: EventInput,
    em: EntityManager,
  ): Promise<{ event: EventEntity; supportContact: SupportContactEntity | null }> {
    const given = KINDS.filter((k) => item[k] != null);
    if (given.length !== 1)
      throw badInput("Set exactly one event field per item", [
        { path: "", message: `set exactly one of ${KINDS.join(", ")}` },
      ]);
    const key = item.idempotencyKey;
    if (item.order)
      return {
        event: await this.events.recordOrder(actor, item.order, key, em),
        supportContact: null,
      };
    if (item.refund)
      return {
        event: await this.events.recordRefund(actor, item.refund, key, em),
        supportContact: null,
      };
    if (item.visit)
      return {
        event: await this.events.recordVisit(actor, item.visit, key, em),
        supportContact: null,
      };
    if (item.referral)
      return {
        event: await this.events.recordReferral(actor, item.referral, key, em),
        supportContact: null,
      };
    if (item.subscriptionChange)
      return {
        event: await this.events.recordSubscriptionChange(actor, item.subscriptionChange, key, em),
        supportContact: null,
      };
    const { contact, event } = await this.support.log(actor, item.supportContact!, key, em);
    return { event, supportContact: contact };
  }
}
