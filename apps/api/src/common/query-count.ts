import { AsyncLocalStorage } from "node:async_hooks";
import type { Logger as TypeOrmLogger } from "typeorm";

/** Counts SQL statements per GraphQL request, so tests can prove reads are batched (no N+1). */
const storage = new AsyncLocalStorage<{ queries: number }>();

export function withQueryCount<T>(fn: () => T): { counter: { queries: number }; result: T } {
  const counter = { queries: 0 };
  return { counter, result: storage.run(counter, fn) };
}

export const queryCountStore = storage;

export class QueryCountingLogger implements TypeOrmLogger {
  logQuery(): void {
    const c = storage.getStore();
    if (c) c.queries += 1;
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
