import { randomUUID } from "node:crypto";
import type { EntityManager } from "typeorm";
import type { InputProblem } from "@trouw/domain";
import type { Database } from "../../db/database";
import type { Clock } from "../../common/clock";
import { assertNoProblems, notFound } from "../../common/errors";
import { assertId } from "../../common/ids";
import { idempotent } from "../../common/idempotency";
import type { RequestActor } from "../../context";
import { CustomersService } from "../customers/customers.service";
import { EventEntity } from "../events/event.entity";
import { checkOccurredAt, type EventsService } from "../events/events.service";
import type { LogSupportContactInput } from "../events/events.types";
import { SupportContactEntity } from "./support-contact.entity";
import type { UpdateSupportContactInput } from "./support.types";

const DONE = new Set(["resolved", "closed"]);

function checkText(
  problems: InputProblem[],
  path: string,
  value: string | null | undefined,
  max: number,
  required = false,
) {
  if (required && !value?.trim()) problems.push({ path, message: "must not be empty" });
  else if (value && value.length > max)
    problems.push({ path, message: `must be at most ${max} characters` });
}

/** The contact history of DOMAIN.md section 6: every contact and its follow-up. */
export class SupportService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly events: EventsService,
  ) {}

  async log(
    actor: RequestActor,
    input: LogSupportContactInput,
    key?: string | null,
    within?: EntityManager,
  ): Promise<{ contact: SupportContactEntity; event: EventEntity }> {
    const now = this.clock.now();
    const problems = checkOccurredAt(input.occurredAt, now);
    checkText(problems, "subject", input.subject, 300, true);
    checkText(problems, "note", input.note, 10_000);
    checkText(problems, "resolution", input.resolution, 10_000);
    checkText(problems, "channel", input.channel, 40);
    assertNoProblems(problems, "Invalid support contact");
    return this.db.atomic(
      (em) =>
        idempotent(em, {
          caller: actor.caller,
          key,
          operation: "logSupportContact",
          request: input,
          now,
          effect: async () => {
            const customer = await CustomersService.resolveRef(em, input);
            const openedAt = input.occurredAt ?? now;
            const status = input.status ?? "open";
            const contact = em.create(SupportContactEntity, {
              id: randomUUID(),
              customerId: customer.id,
              kind: input.kind,
              status,
              channel: input.channel?.trim() || "email",
              subject: input.subject.trim(),
              note: input.note ?? null,
              resolution: input.resolution ?? null,
              followUpAt: input.followUpAt ?? null,
              openedAt,
              updatedAt: now,
              resolvedAt: DONE.has(status) ? now : null,
            });
            await em.insert(SupportContactEntity, contact);
            const event = await this.events.appendPlain(em, {
              customerId: customer.id,
              type: "support_contact",
              occurredAt: openedAt,
              payload: {
                contactId: contact.id,
                kind: contact.kind,
                subject: contact.subject,
                channel: contact.channel,
                status,
              },
            });
            return { contact, event };
          },
          store: (r) => ({ contactId: r.contact.id, eventId: r.event.id }),
          replay: async (s: { contactId: string; eventId: string }) => ({
            contact: await em.findOneByOrFail(SupportContactEntity, { id: s.contactId }),
            event: await em.findOneByOrFail(EventEntity, { id: s.eventId }),
          }),
        }),
      within,
    );
  }

  async update(id: string, input: UpdateSupportContactInput): Promise<SupportContactEntity> {
    assertId(id);
    const problems: InputProblem[] = [];
    checkText(problems, "note", input.note, 10_000);
    checkText(problems, "resolution", input.resolution, 10_000);
    if (input.status === null) problems.push({ path: "status", message: "cannot be cleared" });
    assertNoProblems(problems, "Invalid support contact update");
    const now = this.clock.now();
    return this.db.transaction(async (em) => {
      const contact = await em.findOne(SupportContactEntity, {
        where: { id },
        lock: this.db.isPglite ? undefined : { mode: "pessimistic_write" },
      });
      if (!contact) throw notFound("Support contact");
      await CustomersService.resolveRef(em, { customerId: contact.customerId });
      const before = {
        status: contact.status,
        resolution: contact.resolution,
        followUpAt: contact.followUpAt,
      };
      if (input.status) {
        if (DONE.has(input.status) && !DONE.has(contact.status)) contact.resolvedAt = now;
        if (!DONE.has(input.status)) contact.resolvedAt = null;
        contact.status = input.status;
      }
      if (input.resolution !== undefined) contact.resolution = input.resolution;
      if (input.note !== undefined) contact.note = input.note;
      if (input.followUpAt !== undefined) contact.followUpAt = input.followUpAt;
      contact.updatedAt = now;
      await em.save(contact);
      await this.events.appendPlain(em, {
        customerId: contact.customerId,
        type: "support_contact_updated",
        payload: {
          contactId: contact.id,
          before,
          after: {
            status: contact.status,
            resolution: contact.resolution,
            followUpAt: contact.followUpAt,
          },
        },
      });
      return contact;
    });
  }
}
