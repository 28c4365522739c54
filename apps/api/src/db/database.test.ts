import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "@trouw/config";
import { dataSourceFor, openDatabase, type Database } from "./database";

let db: Database;
beforeAll(async () => {
  db = await openDatabase(loadConfig({ DATABASE_URL: "memory://" }, "/nonexistent/.env"));
});
afterAll(async () => {
  await db?.close();
});

const tick = () => new Promise((r) => setTimeout(r, 5));
const insert = (ext: string) =>
  `INSERT INTO customers (id, external_id, signed_up_at, created_at, updated_at) VALUES (gen_random_uuid(), '${ext}', now(), now(), now())`;
const count = async (prefix: string) =>
  Number(
    (
      (await db.read((em) =>
        em.query(`SELECT count(*)::int AS n FROM customers WHERE external_id LIKE '${prefix}%'`),
      )) as [{ n: number }]
    )[0].n,
  );

describe("PGlite: one connection, so transactions run one at a time", () => {
  it("runs migrations on an empty database", async () => {
    const rows = (await db.read((em) => em.query(`SELECT name FROM migrations`))) as {
      name: string;
    }[];
    expect(rows.map((r) => r.name)).toContain("Foundation1763900000000");
  });

  it("rolls back a failing transaction completely while a concurrent one commits", async () => {
    const failing = db.transaction(async (em) => {
      await em.query(insert("rb-fail-1"));
      await tick();
      await em.query(insert("rb-fail-2"));
      throw new Error("boom");
    });
    const succeeding = db.transaction(async (em) => {
      await em.query(insert("rb-ok-1"));
      await tick();
      await em.query(insert("rb-ok-2"));
    });
    const reads = db.read(() => count("rb-"));
    await expect(failing).rejects.toThrow("boom");
    await succeeding;
    await reads;
    expect(await count("rb-fail")).toBe(0);
    expect(await count("rb-ok")).toBe(2);
  });

  it("keeps 20 interleaved transactions isolated, half of them failing", async () => {
    const runs = Array.from({ length: 20 }, (_, i) =>
      db
        .transaction(async (em) => {
          await em.query(insert(`many-${i}-a`));
          await tick();
          await em.query(insert(`many-${i}-b`));
          if (i % 2) throw new Error(`fail ${i}`);
        })
        .catch(() => "failed"),
    );
    await Promise.all(runs);
    expect(await count("many-")).toBe(20);
    for (let i = 1; i < 20; i += 2) expect(await count(`many-${i}-`)).toBe(0);
  });

  it("keeps going after a statement error inside a transaction", async () => {
    await expect(db.transaction((em) => em.query(`SELECT * FROM no_such_table`))).rejects.toThrow();
    expect(await db.read((em) => em.query(`SELECT 1 AS one`))).toEqual([{ one: 1 }]);
  });
});

describe("PostgreSQL pool", () => {
  it("opens as many connections as DATABASE_POOL_SIZE allows (10 unless set)", () => {
    const url = "postgres://postgres@127.0.0.1:5432/unused";
    const max = (size?: number) =>
      (
        dataSourceFor({ DATABASE_URL: url, DATA_DIR: "/nonexistent", DATABASE_POOL_SIZE: size })
          .options as { extra?: { max?: number } }
      ).extra?.max;
    expect(max()).toBe(10);
    expect(max(32)).toBe(32);
  });
});
