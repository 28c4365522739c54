import DataLoader from "dataloader";
import { In, type EntityTarget, type ObjectLiteral } from "typeorm";
import type { Database } from "../db/database";
import { decodeCursor, planPage, toPage, type PageArgs } from "./pagination";
import type { Page } from "./graphql-types";

export interface KeyedPageRequest<F> extends PageArgs {
  ownerId: string;
  filter: F;
}

export type KeyedPageLoader<T, F> = DataLoader<KeyedPageRequest<F>, Page<T>, string>;

interface Spec<T, F> {
  entity: EntityTarget<T>;
  table: string;
  /** Column that points at the owner (e.g. customer_id). */
  owner: string;
  /** Timestamp column to page on, newest first; ties broken by id. */
  sort: string;
  sortValue: (row: T) => string;
  where: (filter: F) => { sql: string; params: Record<string, unknown> } | null;
}

/**
 * Loads "the newest N children of each owner" for many owners at once: one LATERAL query
 * per distinct set of page arguments, one query for the rows and one for the counts.
 */
export function keyedPageLoader<T extends ObjectLiteral & { id: string }, F>(
  db: Database,
  spec: Spec<T, F>,
): KeyedPageLoader<T, F> {
  return new DataLoader<KeyedPageRequest<F>, Page<T>, string>(
    async (requests) => {
      const groups = new Map<string, KeyedPageRequest<F>[]>();
      for (const r of requests) {
        const sig = JSON.stringify([r.first, r.after, r.last, r.before, r.filter]);
        groups.set(sig, [...(groups.get(sig) ?? []), r]);
      }
      const pages = new Map<string, Page<T>>();
      for (const group of groups.values()) {
        const sample = group[0]!;
        const plan = planPage({ first: sample.first, after: sample.after }, 20);
        const ownerIds = [...new Set(group.map((r) => r.ownerId))];
        const filter = spec.where(sample.filter);
        const params: Record<string, unknown> = {
          owners: ownerIds,
          limit: plan.limit + 1,
          ...(filter?.params ?? {}),
        };
        let conditions = `t.${spec.owner} = o.id${filter ? ` AND ${filter.sql}` : ""}`;
        if (plan.cursor) {
          const [value, id] = decodeCursor(plan.cursor, 2);
          conditions += ` AND (t.${spec.sort}, t.id) < (:cursorValue, :cursorId)`;
          Object.assign(params, { cursorValue: value, cursorId: id });
        }
        const driver = db.dataSource.driver;
        const [pageSql, pageParams] = driver.escapeQueryWithParameters(
          `SELECT t.id FROM unnest(CAST(:owners AS uuid[])) AS o(id)
           CROSS JOIN LATERAL (SELECT t.id FROM ${spec.table} t WHERE ${conditions}
                               ORDER BY t.${spec.sort} DESC, t.id DESC LIMIT :limit) t`,
          params,
          {},
        );
        const countConditions = `${spec.owner} = ANY(CAST(:owners AS uuid[]))${filter ? ` AND ${filter.sql}` : ""}`;
        const [countSql, countParams] = driver.escapeQueryWithParameters(
          `SELECT ${spec.owner} AS owner, count(*)::int AS n FROM ${spec.table} WHERE ${countConditions} GROUP BY ${spec.owner}`,
          { owners: ownerIds, ...(filter?.params ?? {}) },
          {},
        );
        const { rows, counts } = await db.read(async (em) => {
          const ids = (await em.query<{ id: string }[]>(pageSql, pageParams)).map((r) => r.id);
          const rows = ids.length
            ? await em.find(spec.entity, { where: { id: In(ids) } as never })
            : [];
          const counts = await em.query<{ owner: string; n: number }[]>(countSql, countParams);
          return { rows, counts };
        });
        const countByOwner = new Map(counts.map((c) => [c.owner, c.n]));
        const ownerKey = spec.owner.replace(/_([a-z])/g, (_m, c: string) =>
          c.toUpperCase(),
        ) as keyof T;
        for (const ownerId of ownerIds) {
          const mine = rows
            .filter((r) => r[ownerKey] === ownerId)
            .sort((a, b) => {
              const byTime = spec.sortValue(b).localeCompare(spec.sortValue(a));
              return byTime !== 0 ? byTime : b.id.localeCompare(a.id);
            });
          pages.set(
            cacheKey({ ...sample, ownerId }),
            toPage(mine, plan, (r) => [spec.sortValue(r), r.id], countByOwner.get(ownerId) ?? 0),
          );
        }
      }
      return requests.map((r) => pages.get(cacheKey(r))!);
    },
    { cacheKeyFn: cacheKey },
  );
}

function cacheKey<F>(r: KeyedPageRequest<F>): string {
  return `${r.ownerId}|${JSON.stringify([r.first, r.after, r.last, r.before, r.filter])}`;
}
