import { randomUUID } from "node:crypto";
import { In, type EntityManager } from "typeorm";
import type { QueryDeepPartialEntity } from "typeorm/query-builder/QueryPartialEntity";
import { normaliseTags, validateCustomerFields, type InputProblem } from "@trouw/domain";
import type { Database } from "../../db/database";
import type { Clock } from "../../common/clock";
import { assertNoProblems, conflict, isUniqueViolation, notFound } from "../../common/errors";
import { assertId, isId } from "../../common/ids";
import { idempotent } from "../../common/idempotency";
import { markDirty } from "../segments/dirty";
import { emitCustomerCreated } from "../webhooks/emitters";
import { decodeCursor, planPage, toPage, type PageArgs } from "../../common/pagination";
import type { Page } from "../../common/graphql-types";
import type { RequestActor } from "../../context";
import { appendConsent } from "../privacy/consent";
import { CustomerEntity } from "./customer.entity";
import type {
  CreateCustomerInput,
  CustomerFilter,
  CustomerOrder,
  CustomerSortField,
  UpdateCustomerInput,
} from "./customers.types";

/** Sort keys as SQL expressions; nullable text sorts as '' so keyset comparisons stay total. */
const SORT_SQL: Record<CustomerSortField, string> = {
  name: "coalesce(lower(c.name), '')",
  email: "coalesce(lower(c.email), '')",
  signed_up_at: "c.signed_up_at",
  created_at: "c.created_at",
};

function sortValue(c: CustomerEntity, field: CustomerSortField): string {
  switch (field) {
    case "name":
      return (c.name ?? "").toLowerCase();
    case "email":
      return (c.email ?? "").toLowerCase();
    case "signed_up_at":
      return c.signedUpAt.toISOString();
    case "created_at":
      return c.createdAt.toISOString();
  }
}

const NOT_NULLABLE = [
  "externalId",
  "locale",
  "acquisitionSource",
  "marketingConsent",
  "tags",
  "attributes",
] as const;

export class CustomersService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async create(
    actor: RequestActor,
    input: CreateCustomerInput,
    idempotencyKey?: string | null,
  ): Promise<CustomerEntity> {
    const now = this.clock.now();
    const fields = {
      externalId: input.externalId.trim(),
      email: input.email?.trim() || null,
      name: input.name?.trim() || null,
      phone: input.phone?.trim() || null,
      locale: input.locale ?? "en",
      birthDate: input.birthDate ?? null,
      signedUpAt: input.signedUpAt ?? now,
      acquisitionSource: input.acquisitionSource ?? "direct",
      tags: normaliseTags(input.tags ?? []),
      attributes: input.attributes ?? {},
      personalityColour: input.personalityColour ?? null,
    };
    assertNoProblems(validateCustomerFields(fields, now), "Invalid customer");
    try {
      return await this.db.transaction((em) =>
        idempotent(em, {
          caller: actor.caller,
          key: idempotencyKey,
          operation: "createCustomer",
          request: input,
          now,
          effect: async () => {
            const customer = em.create(CustomerEntity, {
              ...fields,
              id: randomUUID(),
              marketingConsent: input.marketingConsent ?? false,
              marketingConsentAt: input.marketingConsent ? now : null,
              referredByCustomerId: null,
              erasedAt: null,
              createdAt: now,
              updatedAt: now,
            });
            await em.insert(CustomerEntity, customer as QueryDeepPartialEntity<CustomerEntity>);
            if (customer.marketingConsent)
              await appendConsent(em, {
                customerId: customer.id,
                purpose: "marketing_email",
                granted: true,
                source: consentSourceOf(actor),
                recordedBy: actor.caller,
                occurredAt: now,
                recordedAt: now,
              });
            await markDirty(em, customer.id, now);
            await emitCustomerCreated(em, customer, now);
            return customer;
          },
          store: (c) => ({ id: c.id }),
          replay: async ({ id }) => em.findOneOrFail(CustomerEntity, { where: { id } }),
        }),
      );
    } catch (err) {
      if (isUniqueViolation(err, "customers_external_id_key"))
        throw conflict(`A customer with externalId "${fields.externalId}" already exists`);
      throw err;
    }
  }

  async update(
    actor: RequestActor,
    id: string,
    input: UpdateCustomerInput,
  ): Promise<CustomerEntity> {
    assertId(id);
    const now = this.clock.now();
    const problems: InputProblem[] = NOT_NULLABLE.filter((k) => input[k] === null).map((k) => ({
      path: k,
      message: "cannot be cleared",
    }));
    const changes: Partial<CustomerEntity> = {};
    const set = <K extends keyof CustomerEntity>(k: K, v: CustomerEntity[K] | undefined) => {
      if (v !== undefined) changes[k] = v;
    };
    set("externalId", input.externalId?.trim() ?? undefined);
    set("email", input.email === undefined ? undefined : input.email?.trim() || null);
    set("name", input.name === undefined ? undefined : input.name?.trim() || null);
    set("phone", input.phone === undefined ? undefined : input.phone?.trim() || null);
    set("locale", input.locale ?? undefined);
    set("birthDate", input.birthDate);
    set("acquisitionSource", input.acquisitionSource ?? undefined);
    set("tags", input.tags ? normaliseTags(input.tags) : undefined);
    set("attributes", input.attributes ?? undefined);
    set("personalityColour", input.clearPersonalityColour ? null : input.personalityColour);
    problems.push(
      ...validateCustomerFields({ ...changes, birthDate: changes.birthDate ?? null }, now),
    );
    assertNoProblems(problems, "Invalid customer");
    try {
      return await this.db.transaction(async (em) => {
        const customer = await em.findOne(CustomerEntity, {
          where: { id },
          lock: this.db.isPglite ? undefined : { mode: "pessimistic_write" },
        });
        if (!customer) throw notFound("Customer");
        assertNotErased(customer);
        const consentChanged =
          input.marketingConsent != null && input.marketingConsent !== customer.marketingConsent;
        Object.assign(customer, changes, { updatedAt: now });
        await em.save(customer);
        if (consentChanged) {
          await appendConsent(em, {
            customerId: customer.id,
            purpose: "marketing_email",
            granted: input.marketingConsent!,
            source: consentSourceOf(actor),
            recordedBy: actor.caller,
            occurredAt: now,
            recordedAt: now,
          });
          customer.marketingConsent = input.marketingConsent!;
          customer.marketingConsentAt = now;
        }
        await markDirty(em, customer.id, now);
        return customer;
      });
    } catch (err) {
      if (isUniqueViolation(err, "customers_external_id_key"))
        throw conflict(`A customer with externalId "${changes.externalId}" already exists`);
      throw err;
    }
  }

  async get(ref: {
    id?: string | null;
    externalId?: string | null;
  }): Promise<CustomerEntity | null> {
    if (ref.id) {
      if (!isId(ref.id)) return null;
      return this.db.read((em) => em.findOne(CustomerEntity, { where: { id: ref.id! } }));
    }
    if (ref.externalId)
      return this.db.read((em) =>
        em.findOne(CustomerEntity, { where: { externalId: ref.externalId! } }),
      );
    return null;
  }

  byIds(ids: readonly string[]): Promise<CustomerEntity[]> {
    return this.db.read((em) => em.find(CustomerEntity, { where: { id: In([...ids]) } }));
  }

  async list(
    args: PageArgs & { filter?: CustomerFilter | null; orderBy?: CustomerOrder | null },
  ): Promise<Page<CustomerEntity>> {
    const plan = planPage(args);
    const field: CustomerSortField = args.orderBy?.field ?? "signed_up_at";
    const desc = (args.orderBy?.direction ?? "desc") === "desc";
    const sortExpr = SORT_SQL[field];
    // Backward paging walks the opposite direction from the cursor, then flips the page.
    const walkDesc = plan.backward ? !desc : desc;
    const dir = walkDesc ? "DESC" : "ASC";

    return this.db.read(async (em) => {
      const base = () => applyFilter(em.createQueryBuilder(CustomerEntity, "c"), args.filter);
      const page = base();
      if (plan.cursor) {
        const [value, id] = decodeCursor(plan.cursor, 2);
        page.andWhere(`(${sortExpr}, c.id) ${walkDesc ? "<" : ">"} (:cursorValue, :cursorId)`, {
          cursorValue: value,
          cursorId: id,
        });
      }
      const rows = await page
        .orderBy(sortExpr, dir)
        .addOrderBy("c.id", dir)
        .limit(plan.limit + 1)
        .getMany();
      const totalCount = await base().getCount();
      return toPage(rows, plan, (c) => [sortValue(c, field), c.id], totalCount);
    });
  }

  async tags(): Promise<string[]> {
    const rows = await this.db.read((em) =>
      em.query<{ tag: string }[]>(
        `SELECT DISTINCT unnest(tags) AS tag FROM customers ORDER BY tag LIMIT 500`,
      ),
    );
    return rows.map((r) => r.tag);
  }

  /**
   * Resolves an integrator's reference to a customer inside a transaction, or throws NOT_FOUND.
   * Lookups are remembered for the life of the transaction, so a batch of a thousand orders
   * from a hundred customers costs a hundred lookups.
   */
  static async resolveRef(
    em: EntityManager,
    ref: { customerId?: string | null; customerExternalId?: string | null },
    path = "customer",
    /** Reads may look at an erased customer; every write is refused (CONFLICT). */
    purpose: "write" | "read" = "write",
  ): Promise<CustomerEntity> {
    if (!ref.customerId && !ref.customerExternalId)
      assertNoProblems([{ path: `${path}Id`, message: `give ${path}Id or ${path}ExternalId` }]);
    const key = ref.customerId ? `id:${ref.customerId}` : `ext:${ref.customerExternalId}`;
    const cache = refCaches.get(em) ?? new Map<string, CustomerEntity>();
    refCaches.set(em, cache);
    let found = cache.get(key) ?? null;
    if (!found) {
      if (ref.customerId)
        found = isId(ref.customerId)
          ? await em.findOne(CustomerEntity, { where: { id: ref.customerId } })
          : null;
      else
        found = await em.findOne(CustomerEntity, {
          where: { externalId: ref.customerExternalId! },
        });
      if (found) cache.set(key, found);
    }
    if (!found) throw notFound(`Customer ${ref.customerId ?? ref.customerExternalId}`);
    if (purpose === "write") assertNotErased(found);
    return found;
  }
}

const refCaches = new WeakMap<EntityManager, Map<string, CustomerEntity>>();

type Qb = ReturnType<EntityManager["createQueryBuilder"]>;

function applyFilter(qb: Qb, filter: CustomerFilter | null | undefined): Qb {
  if (!filter) return qb;
  const search = filter.search?.trim();
  if (search) {
    const like = `%${search.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    qb.andWhere(
      "(lower(c.name) LIKE :like OR lower(c.email) LIKE :like OR c.external_id = :exact)",
      { like, exact: search },
    );
  }
  if (filter.tags?.length) qb.andWhere("c.tags && :tags", { tags: normaliseTags(filter.tags) });
  if (filter.acquisitionSources?.length)
    qb.andWhere("c.acquisition_source IN (:...sources)", { sources: filter.acquisitionSources });
  if (filter.personalityColours?.length)
    qb.andWhere("c.personality_colour IN (:...colours)", { colours: filter.personalityColours });
  if (filter.signedUpFrom) qb.andWhere("c.signed_up_at >= :from", { from: filter.signedUpFrom });
  if (filter.signedUpTo) qb.andWhere("c.signed_up_at < :to", { to: filter.signedUpTo });
  return qb;
}

/** An erased customer's record is kept only as a pseudonymous key: it takes no more writes. */
export function assertNotErased(customer: { id: string; erasedAt: Date | null }): void {
  if (customer.erasedAt)
    throw conflict(`Customer ${customer.id} was erased and cannot be changed`, "CUSTOMER_ERASED");
}

/** Consent given through the admin app or an integrator's API call. */
function consentSourceOf(actor: RequestActor): "admin" | "api" {
  return actor.actor.kind === "user" ? "admin" : "api";
}
