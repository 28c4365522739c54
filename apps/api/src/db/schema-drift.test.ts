import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "@trouw/config";
import { openDatabase, type Database } from "./database";

let db: Database;
beforeAll(async () => {
  const env = loadConfig(process.env, "/nonexistent/.env");
  // Drift is a property of entities vs migrations; PGlite answers it without a server.
  db = await openDatabase({ ...env, DATABASE_URL: "memory://" });
});
afterAll(async () => {
  await db?.close();
});

describe("migrations and entities agree", () => {
  it("leaves nothing for `migration:generate` to do", async () => {
    const sql = await db.dataSource.driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((q) => q.query)).toEqual([]);
  });
});
