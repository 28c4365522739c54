import type { RequestActor } from "../../context";
import { badInput } from "../../common/errors";
import type { SupportService } from "../support/support.service";
import type { EventEntity } from "./event.entity";
import { describeError, type EventsService } from "./events.service";
import type { EventInput } from "./events.types";
import type { SupportContactEntity } from "../support/support-contact.entity";

export const MAX_BATCH_SIZE = 1000;

const KINDS = ["order", "refund", "visit", "supportContact", "referral", "subscriptionChange"] as const;

export interface BatchItemResult {
  index: number;
  ok: boolean;
  event: EventEntity | null;
  supportContact: SupportContactEntity | null;
  error: { code: string; message: string; problems: { path: string; message: string }[] } | null;
}

/**
 * Records up to 1,000 events. Each item is its own transaction with its own idempotency
 * key: one bad item never stops or undoes the others, and each gets its own result.
 */
export class BatchService {
  constructor(
    private readonly events: EventsService,
    private readonly support: SupportService,
  ) {}

  async record(actor: RequestActor, items: EventInput[]): Promise<{ results: BatchItemResult[]; acceptedCount: number; rejectedCount: number }> {
    if (items.length > MAX_BATCH_SIZE) throw badInput(`A batch holds at most ${MAX_BATCH_SIZE} events; got ${items.length}`, [{ path: "events", message: `at most ${MAX_BATCH_SIZE} items` }]);
    const results: BatchItemResult[] = [];
    // Sequential on purpose: items may depend on earlier ones (an order, then its refund).
    for (const [index, item] of items.entries()) {
      try {
        const { event, supportContact } = await this.recordOne(actor, item);
        results.push({ index, ok: true, event, supportContact, error: null });
      } catch (err) {
        const error = describeError(err);
        if (!error) throw err;
        results.push({ index, ok: false, event: null, supportContact: null, error: { ...error, problems: error.problems.map((p) => ({ ...p, path: `events[${index}].${p.path}` })) } });
      }
    }
    const acceptedCount = results.filter((r) => r.ok).length;
    return { results, acceptedCount, rejectedCount: results.length - acceptedCount };
  }

  private async recordOne(actor: RequestActor, item: EventInput): Promise<{ event: EventEntity; supportContact: SupportContactEntity | null }> {
    const given = KINDS.filter((k) => item[k] != null);
    if (given.length !== 1) throw badInput("Set exactly one event field per item", [{ path: "", message: `set exactly one of ${KINDS.join(", ")}` }]);
    const key = item.idempotencyKey;
    if (item.order) return { event: await this.events.recordOrder(actor, item.order, key), supportContact: null };
    if (item.refund) return { event: await this.events.recordRefund(actor, item.refund, key), supportContact: null };
    if (item.visit) return { event: await this.events.recordVisit(actor, item.visit, key), supportContact: null };
    if (item.referral) return { event: await this.events.recordReferral(actor, item.referral, key), supportContact: null };
    if (item.subscriptionChange) return { event: await this.events.recordSubscriptionChange(actor, item.subscriptionChange, key), supportContact: null };
    const { contact, event } = await this.support.log(actor, item.supportContact!, key);
    return { event, supportContact: contact };
  }
}
