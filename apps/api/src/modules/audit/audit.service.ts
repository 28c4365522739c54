import type { Database } from "../../db/database";
import type { Page } from "../../common/graphql-types";
import { badInput } from "../../common/errors";
import { decodeCursor, planPage, toPage, type PageArgs } from "../../common/pagination";
import type { AuditEntityType } from "./audit";
import type { AuditEntry, AuditLogFilter } from "./audit.types";

interface Raw {
  id: string;
  at: Date;
  actor_kind: "user" | "api_key" | "system";
  actor_id: string | null;
  actor_label: string;
  entity_type: AuditEntityType;
  entity_id: string;
  action: string;
  request_id: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const toEntry = (r: Raw): AuditEntry => ({
  id: String(r.id),
  at: new Date(r.at),
  actor: { kind: r.actor_kind, id: r.actor_id, label: r.actor_label },
  entityType: r.entity_type,
  entityId: r.entity_id,
  action: r.action,
  requestId: r.request_id,
  before: r.before,
  after: r.after,
});

/** Reads the audit log; `audit.record` is the only writer. */
export class AuditService {
  constructor(private readonly db: Database) {}

  /** Newest first, keyset-paged on the entry number; two statements per page. */
  async list(args: PageArgs & { filter?: AuditLogFilter | null }): Promise<Page<AuditEntry>> {
    const plan = planPage(args);
    const where: string[] = [];
    const params: unknown[] = [];
    const f = args.filter ?? {};
    const p = (v: unknown) => `$${params.push(v)}`;
    if (f.actor?.trim()) {
      const actor = f.actor.trim();
      const like = `%${actor.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      where.push(`(a.actor_id = ${p(actor)} OR lower(a.actor_label) LIKE ${p(like)})`);
    }
    if (f.actorKind) where.push(`a.actor_kind = ${p(f.actorKind)}`);
    if (f.entityType) where.push(`a.entity_type = ${p(f.entityType)}`);
    if (f.entityId?.trim()) where.push(`a.entity_id = ${p(f.entityId.trim())}`);
    if (f.action?.trim()) where.push(`a.action = ${p(f.action.trim())}`);
    if (f.from) where.push(`a.at >= ${p(f.from)}`);
    if (f.to) where.push(`a.at < ${p(f.to)}`);
    if (f.from && f.to && f.from > f.to)
      throw badInput("Invalid period", [{ path: "filter.to", message: "must not be before from" }]);
    const filterSql = where.length ? `WHERE ${where.join(" AND ")}` : "";
    const filterParams = [...params];
    // Newest first: forward walks ids downwards, backward upwards (then the page is flipped).
    const walkDesc = !plan.backward;
    if (plan.cursor) {
      const [id] = decodeCursor(plan.cursor, 1);
      if (typeof id !== "string" || !/^\d{1,18}$/.test(id))
        throw badInput("Invalid cursor", [
          { path: "after", message: "is not a cursor this list returned" },
        ]);
      where.push(`a.id ${walkDesc ? "<" : ">"} ${p(id)}::bigint`);
    }
    const pageSql = where.length ? `WHERE ${where.join(" AND ")}` : "";
    return this.db.read(async (em) => {
      const rows = await em.query<Raw[]>(
        `SELECT a.* FROM audit_log a ${pageSql} ORDER BY a.id ${walkDesc ? "DESC" : "ASC"} LIMIT ${plan.limit + 1}`,
        params,
      );
      const [count] = await em.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM audit_log a ${filterSql}`,
        filterParams,
      );
      return toPage(rows.map(toEntry), plan, (e) => [e.id], count?.n ?? 0);
    });
  }
}
