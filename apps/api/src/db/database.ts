import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { DataSource, type EntityManager } from "typeorm";
import { PGliteDriver } from "typeorm-pglite";
import { types as pgliteTypes } from "@electric-sql/pglite";
import { databaseKind, type Config, type DatabaseKind } from "@trouw/config";
import { entities } from "./entities";
import { migrations } from "./migrations";
import { QueryCountingLogger } from "../common/query-count";

/**
 * How work is admitted to the database. PostgreSQL isolates concurrent transactions itself.
 * PGlite is one connection with no isolation between interleaved transactions, so there
 * every transaction and read runs one at a time. This is the single PGlite adaptation.
 */
interface Gate {
  run<T>(work: () => Promise<T>): Promise<T>;
}

const openGate: Gate = { run: (work) => work() };

function serialGate(): Gate {
  let tail: Promise<unknown> = Promise.resolve();
  // Work already holding the gate (a read nested in a transaction) must not queue behind itself.
  const holding = new AsyncLocalStorage<true>();
  return {
    run<T>(work: () => Promise<T>): Promise<T> {
      if (holding.getStore()) return work();
      const admitted = () => holding.run(true, work);
      const result = tail.then(admitted, admitted);
      tail = result.catch(() => undefined);
      return result;
    },
  };
}

export class Database {
  private readonly gate: Gate;
  private savepoints = 0;

  constructor(
    readonly dataSource: DataSource,
    readonly kind: DatabaseKind,
  ) {
    this.gate = kind === "postgres" ? openGate : serialGate();
  }

  get isPglite(): boolean {
    return this.kind !== "postgres";
  }

  /**
   * Row-lock suffix for a SELECT inside a transaction. PGlite runs one transaction at a time,
   * so there is nothing to lock against.
   */
  get forUpdate(): string {
    return this.isPglite ? "" : " FOR UPDATE";
  }

  /** Runs `work` in one transaction; on PGlite, never alongside another. */
  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.gate.run(() => this.dataSource.transaction(work));
  }

  /**
   * Runs `work` atomically: in a transaction of its own or, inside an outer transaction
   * (`within`), in a savepoint, so one failing item of a batch undoes only itself.
   */
  async atomic<T>(work: (em: EntityManager) => Promise<T>, within?: EntityManager): Promise<T> {
    if (!within) return this.transaction(work);
    const savepoint = `item_${++this.savepoints}`;
    await within.query(`SAVEPOINT ${savepoint}`);
    try {
      const result = await work(within);
      await within.query(`RELEASE SAVEPOINT ${savepoint}`);
      return result;
    } catch (err) {
      await within.query(`ROLLBACK TO SAVEPOINT ${savepoint}`);
      throw err;
    }
  }

  /**
   * Runs a small write that reports on work in progress in transaction `within` (a job's
   * progress), so that others see it before `within` ends: on PostgreSQL in a transaction of
   * its own. PGlite has one connection and admits no reader until `within` ends, so there it
   * runs in `within` (a nested transaction would commit `within`'s work early).
   */
  aside<T>(work: (em: EntityManager) => Promise<T>, within?: EntityManager): Promise<T> {
    if (within && this.isPglite) return work(within);
    return this.transaction(work);
  }

  /** Runs reads outside a transaction; on PGlite, never in the middle of someone's transaction. */
  read<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.gate.run(() => work(this.dataSource.manager));
  }

  async close(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** Data sources whose driver is node-postgres, which keeps named prepared statements per connection. */
const preparing = new WeakSet<DataSource>();
const statementNames = new Map<string, string>();

/**
 * Runs a hot-path statement (order ingest). On PostgreSQL it is a named prepared statement:
 * each pooled connection parses and plans it once, then only binds and executes it. PGlite's
 * driver takes SQL text only, so there it runs as any other query. The name is a hash of the
 * text, so two texts never share a name; use it only for a fixed set of texts (one prepared
 * statement per text and connection stays on the server).
 */
export function queryPrepared<T = Record<string, unknown>[]>(
  em: EntityManager,
  text: string,
  params: unknown[],
): Promise<T> {
  if (!preparing.has(em.connection)) return em.query<T>(text, params);
  let name = statementNames.get(text);
  if (!name) {
    name = `trouw_${createHash("sha1").update(text).digest("hex").slice(0, 24)}`;
    statementNames.set(text, name);
  }
  // TypeORM hands the query on to node-postgres as it is; pg's config object names it.
  return em.query<T>({ name, text } as unknown as string, params);
}

export function dataSourceFor(
  config: Pick<Config, "DATABASE_URL" | "DATA_DIR"> & Partial<Pick<Config, "DATABASE_POOL_SIZE">>,
): DataSource {
  const kind = databaseKind(config);
  const common = {
    entities,
    migrations,
    synchronize: false,
    migrationsRun: false,
    logger: new QueryCountingLogger(),
  } as const;
  if (kind === "postgres") {
    const dataSource = new DataSource({
      type: "postgres",
      url: config.DATABASE_URL,
      ...common,
      extra: { max: config.DATABASE_POOL_SIZE ?? 10 },
    });
    preparing.add(dataSource);
    return dataSource;
  }
  let dataDir: string | undefined;
  if (kind === "pglite-file") {
    dataDir = resolve(config.DATA_DIR, "pglite");
    mkdirSync(dataDir, { recursive: true });
  }
  // Dates stay 'YYYY-MM-DD' strings, as node-postgres gives them: parsing them into a Date at
  // UTC midnight would shift birth dates by a day in time zones west of UTC.
  const parsers = { [pgliteTypes.DATE]: (value: string) => value };
  return new DataSource({
    type: "postgres",
    driver: new PGliteDriver({ ...(dataDir ? { dataDir } : {}), parsers }).driver,
    ...common,
  });
}

/** Connects and brings the schema up to date through migrations (never synchronize). */
export async function openDatabase(
  config: Pick<Config, "DATABASE_URL" | "DATA_DIR"> & Partial<Pick<Config, "DATABASE_POOL_SIZE">>,
): Promise<Database> {
  const dataSource = dataSourceFor(config);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: "each" });
  return new Database(dataSource, databaseKind(config));
}
