import DataLoader from "dataloader";
import type { Database } from "./db/database";
import { CustomerEntity } from "./modules/customers/customer.entity";
import { In } from "typeorm";
import { keyedPageLoader, type KeyedPageLoader } from "./common/keyed-page-loader";
import { EventEntity } from "./modules/events/event.entity";
import { SupportContactEntity } from "./modules/support/support-contact.entity";
import type { SegmentEntity } from "./modules/segments/segment.entity";
import type { SegmentUse } from "./modules/segments/segments.types";
import type { Services } from "./services";
import type { CampaignRow, RewardRow } from "./modules/loyalty/rows";
import type { ConsentEventRow } from "./modules/privacy/consent";

/** Per-request batch loaders: a list of N customers costs a constant number of queries. */
export interface Loaders {
  customerById: DataLoader<string, CustomerEntity | undefined>;
  timeline: KeyedPageLoader<EventEntity, { types: string[] | null }>;
  supportContacts: KeyedPageLoader<SupportContactEntity, { statuses: string[] | null }>;
  segmentsOfCustomer: DataLoader<string, SegmentEntity[]>;
  programMemberCount: DataLoader<string, number>;
  /** Every reward of each program, archived ones included. */
  programRewards: DataLoader<string, RewardRow[]>;
  programCampaigns: DataLoader<string, CampaignRow[]>;
  /** Each customer's consent history, oldest first. */
  consentHistory: DataLoader<string, ConsentEventRow[]>;
  /** What uses each segment: rules, campaigns, rewards, surveys. */
  segmentUsages: DataLoader<string, SegmentUse[]>;
}

export function createLoaders(
  db: Database,
  services: Pick<Services, "segments" | "programs" | "privacy">,
): Loaders {
  return {
    segmentUsages: new DataLoader(async (ids) => {
      const rows = await services.segments.usagesOf(ids);
      return ids.map((id) => rows.filter((r) => r.segmentId === id));
    }),
    consentHistory: new DataLoader(async (ids) => {
      const rows = await services.privacy.historyOf(ids);
      return ids.map((id) => rows.filter((r) => r.customerId === id));
    }),
    programRewards: new DataLoader(async (ids) => {
      const rows = await services.programs.rewardsOf(ids, true);
      return ids.map((id) => rows.filter((r) => r.programId === id));
    }),
    programCampaigns: new DataLoader(async (ids) => {
      const rows = await services.programs.campaignsOf(ids);
      return ids.map((id) => rows.filter((r) => r.programId === id));
    }),
    programMemberCount: new DataLoader(async (ids) => {
      const rows = await db.read((em) =>
        em.query<{ program_id: string; n: number }[]>(
          `SELECT program_id, count(*)::int AS n FROM loyalty_accounts WHERE program_id = ANY($1) AND status = 'enrolled' GROUP BY program_id`,
          [[...ids]],
        ),
      );
      return ids.map((id) => rows.find((r) => r.program_id === id)?.n ?? 0);
    }),
    segmentsOfCustomer: new DataLoader(async (ids) => {
      const rows = await services.segments.segmentsOfCustomers(ids);
      return ids.map((id) => rows.filter((r) => r.customerId === id).map((r) => r.segment));
    }),
    customerById: new DataLoader(async (ids) => {
      const rows = await db.read((em) => em.find(CustomerEntity, { where: { id: In([...ids]) } }));
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id));
    }),
    timeline: keyedPageLoader<EventEntity, { types: string[] | null }>(db, {
      entity: EventEntity,
      table: "events",
      owner: "customer_id",
      // Newest first; (occurred_at, id) is unique and matches events_customer_time_idx.
      sort: "occurred_at",
      sortValue: (e) => e.occurredAt.toISOString(),
      where: ({ types }) =>
        types?.length ? { sql: "type = ANY(:types)", params: { types } } : null,
    }),
    supportContacts: keyedPageLoader<SupportContactEntity, { statuses: string[] | null }>(db, {
      entity: SupportContactEntity,
      table: "support_contacts",
      owner: "customer_id",
      sort: "opened_at",
      sortValue: (c) => c.openedAt.toISOString(),
      where: ({ statuses }) =>
        statuses?.length ? { sql: "status = ANY(:statuses)", params: { statuses } } : null,
    }),
  };
}
