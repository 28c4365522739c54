import pino from "pino";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServices } from "../../services";
import { rebuildFacts } from "../segments/facts";
import { loyaltyFixtures } from "../../test-support/loyalty-fixtures";
import { startTestServer, type Credentials, type TestServer } from "../../test-support/server";

/**
 * CSV imports over real HTTP: the upload (dry run) report, the background run, idempotent
 * re-runs, resuming after a process died mid-way, exports and permissions.
 */

let t: TestServer;
let base: string;

beforeAll(async () => {
  t = await startTestServer();
  base = t.url.replace(/\/graphql$/, "");
}, 60_000);
afterAll(async () => {
  await t?.stop();
});

const headersFor = (as: Credentials): Record<string, string> => {
  const h: Record<string, string> = {};
  if (as && "apiKey" in as) h.authorization = `Bearer ${as.apiKey}`;
  if (as && "cookie" in as) h.cookie = as.cookie;
  return h;
};

interface ImportView {
  id: string;
  status: string;
  totalRows: number;
  readyCount: number;
  problemRows: number;
  existingCount: number;
  processedCount: number;
  insertedCount: number;
  skippedCount: number;
  uploadPath: string;
}
const IMPORT_FIELDS = `id status totalRows readyCount problemRows existingCount processedCount insertedCount skippedCount uploadPath`;

async function createImport(
  type: "CUSTOMERS" | "ORDERS",
  options: Record<string, unknown> = {},
  as: Credentials = t.writeKey,
) {
  return t.gql<{ createImport: ImportView }>(
    `mutation($i: CreateImportInput!) { createImport(input: $i) { ${IMPORT_FIELDS} } }`,
    { i: { type, fileName: `${type.toLowerCase()}.csv`, options } },
    as,
  );
}

async function upload(path: string, csv: string, as: Credentials = t.writeKey) {
  const res = await fetch(`${base}${path}`, {
    method: "PUT",
    headers: { "content-type": "text/csv", ...headersFor(as) },
    body: csv,
  });
  return {
    status: res.status,
    body: (await res.json()) as {
      import?: ImportView;
      errors?: { message: string; extensions: { code: string; problems?: unknown[] } }[];
    },
  };
}

/** Creates, uploads and returns the validated import. */
async function dryRun(type: "CUSTOMERS" | "ORDERS", csv: string, options = {}) {
  const created = await createImport(type, options);
  expect(created.errors).toBeUndefined();
  const res = await upload(created.data!.createImport.uploadPath, csv);
  expect(res.status).toBe(200);
  return res.body.import!;
}

async function problems(importId: string) {
  const res = await t.gql<{
    importProblems: {
      totalCount: number;
      edges: { node: { row: number; column: string; reason: string } }[];
    };
  }>(
    `query($id: ID!) { importProblems(importId: $id, first: 200) { totalCount edges { node { row column reason } } } }`,
    { id: importId },
    t.writeKey,
  );
  expect(res.errors).toBeUndefined();
  return res.data!.importProblems.edges.map((e) => e.node);
}

async function start(id: string) {
  const res = await t.gql<{ startImport: ImportView }>(
    `mutation($id: ID!) { startImport(id: $id) { ${IMPORT_FIELDS} } }`,
    { id },
    t.writeKey,
  );
  expect(res.errors).toBeUndefined();
  return res.data!.startImport;
}

async function getImport(id: string) {
  const res = await t.gql<{ import: ImportView }>(
    `query($id: ID!) { import(id: $id) { ${IMPORT_FIELDS} } }`,
    { id },
    t.writeKey,
  );
  return res.data!.import;
}

const CUSTOMERS_CSV = [
  "external_id,email,name,locale,birth_date,signed_up_at,acquisition_source,marketing_consent,tags,personality_colour",
  "IMP-1,ann@example.com,Ann Example,nl,1990-04-01,2024-01-02T03:04:05Z,referral,yes,VIP|newsletter,green",
  "IMP-2,not-an-email,Bob,en,,2024-02-01T00:00:00Z,direct,no,,",
  "IMP-3,cy@example.com,Cy,en,1985-13-40,2024-03-01T00:00:00Z,direct,maybe,,purple",
  "IMP-4,dee@example.com,Dee,en-GB,,2024-04-01T10:00:00Z,organic_search,1,,",
  "IMP-1,again@example.com,Duplicate Ann,en,,2024-05-01T00:00:00Z,direct,,,",
  ",nobody@example.com,No Id,en,,,direct,,,",
  "IMP-5,eve@example.com,Eve,en,,2099-01-01T00:00:00Z,direct,,,",
  'IMP-6,fay@example.com,"Fay, with comma",en,,2024-06-01T00:00:00Z,direct,true,a|b,',
  "IMP-7,too,many,fields,here,x,y,z,w,v,u",
].join("\n");

describe("customer import", () => {
  let importId: string;

  it("reports every bad row by row, column and reason in the dry run and writes no customer", async () => {
    const before = await t.count("customers");
    const imp = await dryRun("CUSTOMERS", CUSTOMERS_CSV);
    importId = imp.id;
    expect(imp).toMatchObject({
      status: "VALIDATED",
      totalRows: 9,
      readyCount: 3,
      problemRows: 6,
      existingCount: 0,
    });
    expect(await problems(imp.id)).toEqual([
      { row: 3, column: "email", reason: "is not a valid email address" },
      { row: 4, column: "marketing_consent", reason: "must be true or false" },
      { row: 4, column: "birth_date", reason: "must be a real date in the past" },
      { row: 4, column: "personality_colour", reason: "must be red, blue, yellow or green" },
      { row: 6, column: "external_id", reason: "appears again (first on row 2)" },
      { row: 7, column: "external_id", reason: "is required" },
      { row: 8, column: "signed_up_at", reason: "cannot be in the future" },
      { row: 10, column: "*", reason: "has 11 fields; the header has 10" },
    ]);
    expect(await t.count("customers")).toBe(before);

    // The same report as a CSV download.
    const res = await fetch(`${base}/imports/${imp.id}/problems.csv`, {
      headers: headersFor(t.writeKey),
    });
    expect(res.status).toBe(200);
    const rows = parse(await res.text(), { columns: true }) as Record<string, string>[];
    expect(rows).toEqual(
      (await problems(imp.id)).map((p) => ({
        row: String(p.row),
        column: p.column,
        reason: p.reason,
      })),
    );
  });

  it("imports the valid rows in the background, with the values of the file", async () => {
    const dirtyBefore = await t.count("segment_dirty_customers");
    const outboxBefore = await t.count("outbox");
    expect((await start(importId)).status).toBe("RUNNING");
    await t.app.services.jobs.runReady();
    expect(await getImport(importId)).toMatchObject({
      status: "DONE",
      processedCount: 3,
      insertedCount: 3,
      skippedCount: 0,
    });
    const res = await t.gql<{ customer: Record<string, unknown> }>(
      `{ customer(externalId: "IMP-1") { externalId email name locale birthDate signedUpAt acquisitionSource marketingConsent tags personalityColour } }`,
      {},
      t.writeKey,
    );
    expect(res.data!.customer).toEqual({
      externalId: "IMP-1",
      email: "ann@example.com",
      name: "Ann Example",
      locale: "nl",
      birthDate: "1990-04-01",
      signedUpAt: "2024-01-02T03:04:05.000Z",
      acquisitionSource: "REFERRAL",
      marketingConsent: true,
      tags: ["newsletter", "vip"],
      personalityColour: "GREEN",
    });
    const fay = await t.gql<{
      customer: { name: string; tags: string[]; marketingConsent: boolean };
    }>(`{ customer(externalId: "IMP-6") { name tags marketingConsent } }`, {}, t.writeKey);
    expect(fay.data!.customer).toEqual({
      name: "Fay, with comma",
      tags: ["a", "b"],
      marketingConsent: true,
    });
    // Segments see the new customers; webhooks were not asked to hear about them.
    expect(await t.count("segment_dirty_customers")).toBe(dirtyBefore + 3);
    expect(await t.count("outbox")).toBe(outboxBefore);
  });

  it("adds nothing when the same file is imported again", async () => {
    const before = await t.count("customers");
    const imp = await dryRun("CUSTOMERS", CUSTOMERS_CSV);
    expect(imp.existingCount).toBe(3);
    await start(imp.id);
    await t.app.services.jobs.runReady();
    expect(await getImport(imp.id)).toMatchObject({
      status: "DONE",
      insertedCount: 0,
      skippedCount: 3,
    });
    expect(await t.count("customers")).toBe(before);
  });

  it("announces new customers to webhooks only when the import asks for it", async () => {
    const before = await t.count("outbox");
    const imp = await dryRun("CUSTOMERS", "external_id,name\nHOOK-1,One\nHOOK-2,Two\n", {
      emitCustomerCreated: true,
    });
    await start(imp.id);
    await t.app.services.jobs.runReady();
    const rows = await t.db.read((em) =>
      em.query<{ topic: string; ext: string }[]>(
        `SELECT topic, payload ->> 'externalId' AS ext FROM outbox ORDER BY id DESC LIMIT 2`,
      ),
    );
    expect(await t.count("outbox")).toBe(before + 2);
    expect(rows.map((r) => [r.topic, r.ext]).sort()).toEqual([
      ["customer.created", "HOOK-1"],
      ["customer.created", "HOOK-2"],
    ]);
  });
});

const ORDERS_CSV = [
  "order_id,customer_external_id,occurred_at,currency,product_id,category,quantity,amount_minor,discount_minor,channel",
  "ORD-1,IMP-1,2025-01-10T12:00:00Z,EUR,sku-1,shoes,1,5995,500,web",
  "ORD-1,IMP-1,2025-01-10T12:00:00Z,EUR,sku-2,socks,2,1000,0,web",
  "ORD-2,IMP-4,2025-02-10T12:00:00Z,EUR,sku-3,shoes,1,12.50,,",
  "ORD-3,NOBODY,2025-02-11T12:00:00Z,EUR,sku-3,shoes,1,1250,,",
  "ORD-4,IMP-4,2025-02-12T12:00:00Z,EURO,sku-3,,1,1250,,",
  "ORD-5,IMP-4,2025-02-13T12:00:00Z,EUR,sku-4,bags,1,800,900,",
  "ORD-6,IMP-4,not a date,EUR,sku-4,bags,1,800,,",
  "ORD-7,IMP-6,2025-03-01T09:30:00Z,USD,sku-5,bags,3,4500,,store",
  "ORD-1,IMP-1,2025-01-10T12:00:00Z,EUR,sku-9,shoes,1,100,,web",
].join("\n");

describe("order import", () => {
  let importId: string;

  it("reports bad lines, unknown customers and repeated orders in the dry run", async () => {
    const before = await t.count("events");
    const imp = await dryRun("ORDERS", ORDERS_CSV);
    importId = imp.id;
    expect(imp).toMatchObject({ totalRows: 9, readyCount: 2, problemRows: 6 });
    expect(await problems(imp.id)).toEqual([
      {
        row: 4,
        column: "amount_minor",
        reason: "must be a whole number (minor units for amounts)",
      },
      { row: 5, column: "customer_external_id", reason: "no customer has this external id" },
      { row: 6, column: "currency", reason: "must be an ISO 4217 code such as EUR" },
      { row: 7, column: "discount_minor", reason: "cannot exceed the line amount" },
      { row: 8, column: "occurred_at", reason: "must be an ISO 8601 date-time" },
      { row: 10, column: "order_id", reason: "appears again (first on row 2)" },
    ]);
    expect(await t.count("events")).toBe(before);
  });

  it("imports orders like recordOrder stores them, with facts folded exactly, and no points by default", async () => {
    await start(importId);
    await t.app.services.jobs.runReady();
    expect(await getImport(importId)).toMatchObject({ status: "DONE", insertedCount: 2 });
    const [order] = await t.db.read((em) =>
      em.query<Record<string, unknown>[]>(
        `SELECT c.external_id, e.type, e.occurred_at, e.amount_minor::int AS amount, e.discount_minor::int AS discount,
                e.currency, e.category, e.order_ref, e.payload
         FROM events e JOIN customers c ON c.id = e.customer_id WHERE e.order_ref = 'ORD-1'`,
      ),
    );
    expect(order).toMatchObject({
      external_id: "IMP-1",
      type: "order",
      amount: 6495,
      discount: 500,
      currency: "EUR",
      category: "shoes",
      order_ref: "ORD-1",
      payload: {
        lines: [
          {
            productId: "sku-1",
            category: "shoes",
            quantity: 1,
            amountMinor: 5995,
            discountMinor: 500,
          },
          {
            productId: "sku-2",
            category: "socks",
            quantity: 2,
            amountMinor: 1000,
            discountMinor: 0,
          },
        ],
        grossMinor: 6995,
        itemCount: 3,
        categories: ["shoes", "socks"],
        channel: "web",
      },
    });
    expect(new Date(order!.occurred_at as string).toISOString()).toBe("2025-01-10T12:00:00.000Z");
    await expectFactsEqualRebuild();
    expect(await t.count("ledger_entries")).toBe(0);
  });

  it("resumes after the process died mid-way and writes each order exactly once", async () => {
    const lines = ["order_id,customer_external_id,occurred_at,currency,product_id,amount_minor"];
    for (let i = 1; i <= 9; i++)
      lines.push(`RES-${i},IMP-${i % 2 ? 1 : 4},2025-04-0${i}T10:00:00Z,EUR,sku-${i},${i * 100}`);
    const imp = await dryRun("ORDERS", lines.join("\n"), { chunkSize: 2 });
    expect(imp.readyCount).toBe(9);

    // The first process commits two chunks, then hangs forever: as good as dead.
    let chunks = 0;
    const dead = new Promise<void>(() => undefined);
    const off = t.app.services.imports.onChunk(async () => {
      if (++chunks === 2) await dead;
    });
    await start(imp.id);
    void t.app.services.jobs.runReady();
    await vi_waitFor(async () => (await getImport(imp.id)).processedCount === 4);
    off();
    expect(await countOrders("RES-")).toBe(4);

    // A restarted process finds the job stale, requeues it and continues after row 5.
    const restarted = createServices(t.db, t.clock, t.config, pino({ level: "silent" }));
    t.clock.advance(11 * 60_000);
    expect(await restarted.jobs.recoverStale(10 * 60_000)).toBe(1);
    await restarted.jobs.runReady();
    expect(await getImport(imp.id)).toMatchObject({
      status: "DONE",
      processedCount: 9,
      insertedCount: 9,
      skippedCount: 0,
    });
    const counts = await t.db.read((em) =>
      em.query<{ order_ref: string; n: number }[]>(
        `SELECT order_ref, count(*)::int AS n FROM events WHERE order_ref LIKE 'RES-%' GROUP BY order_ref ORDER BY order_ref`,
      ),
    );
    expect(counts).toEqual(
      Array.from({ length: 9 }, (_, i) => ({ order_ref: `RES-${i + 1}`, n: 1 })),
    );
    await expectFactsEqualRebuild();
  });

  it("cancels after the chunk in hand and resumes from there", async () => {
    const lines = ["order_id,customer_external_id,occurred_at,currency,product_id,amount_minor"];
    for (let i = 1; i <= 6; i++)
      lines.push(`CAN-${i},IMP-6,2025-05-0${i}T10:00:00Z,EUR,sku,${i}00`);
    const imp = await dryRun("ORDERS", lines.join("\n"), { chunkSize: 2 });
    const off = t.app.services.imports.onChunk(async (i) => {
      if (i.processedCount === 2) await t.app.services.imports.cancel(i.id);
    });
    await start(imp.id);
    await t.app.services.jobs.runReady();
    off();
    expect(await getImport(imp.id)).toMatchObject({ status: "CANCELLED", processedCount: 2 });
    expect(await countOrders("CAN-")).toBe(2);
    const resumed = await t.gql<{ resumeImport: ImportView }>(
      `mutation($id: ID!) { resumeImport(id: $id) { status } }`,
      { id: imp.id },
      t.writeKey,
    );
    expect(resumed.data!.resumeImport.status).toBe("RUNNING");
    await t.app.services.jobs.runReady();
    expect(await getImport(imp.id)).toMatchObject({ status: "DONE", insertedCount: 6 });
    expect(await countOrders("CAN-")).toBe(6);
  });
  it("moves orders customer by customer and resumes after the last (customer, row) moved", async () => {
    // The file interleaves two customers; IMP-1 sorts before IMP-4, so the first chunk of two
    // holds both of IMP-1's orders (rows 3 and 5), not the first two rows of the file.
    const lines = ["order_id,customer_external_id,occurred_at,currency,product_id,amount_minor"];
    for (let i = 1; i <= 6; i++)
      lines.push(`BYC-${i},IMP-${i % 2 ? 4 : 1},202${i % 4}-0${i}-1${i}T10:00:00Z,EUR,sku,${i}00`);
    lines.push("BYC-7,IMP-4,2024-07-17T10:00:00Z,EUR,sku,700");
    const imp = await dryRun("ORDERS", lines.join("\n"), { chunkSize: 2 });
    expect(imp.readyCount).toBe(7);
    const moved: string[][] = [];
    const off = t.app.services.imports.onChunk(async (i) => {
      if (i.id !== imp.id) return;
      const refs = await t.db.read((em) =>
        em.query<{ order_ref: string }[]>(
          `SELECT order_ref FROM events WHERE order_ref LIKE 'BYC-%' ORDER BY order_ref`,
        ),
      );
      moved.push(refs.map((r) => r.order_ref));
      if (i.processedCount === 4) await t.app.services.imports.cancel(i.id);
    });
    await start(imp.id);
    await t.app.services.jobs.runReady();
    expect(moved).toEqual([
      ["BYC-2", "BYC-4"],
      ["BYC-1", "BYC-2", "BYC-4", "BYC-6"],
    ]);
    expect(await getImport(imp.id)).toMatchObject({ status: "CANCELLED", processedCount: 4 });
    // Resumed: the rest of IMP-4's orders, each once.
    const resumed = await t.gql<{ resumeImport: ImportView }>(
      `mutation($id: ID!) { resumeImport(id: $id) { status } }`,
      { id: imp.id },
      t.writeKey,
    );
    expect(resumed.errors).toBeUndefined();
    await t.app.services.jobs.runReady();
    off();
    const all = ["BYC-1", "BYC-2", "BYC-3", "BYC-4", "BYC-5", "BYC-6", "BYC-7"];
    // Then IMP-4's other orders (rows 2, 4, 6 then 8), and the closing step.
    expect(moved.slice(2)).toEqual([all.filter((r) => r !== "BYC-7"), all, all]);
    expect(await getImport(imp.id)).toMatchObject({
      status: "DONE",
      processedCount: 7,
      insertedCount: 7,
      skippedCount: 0,
    });
    expect(await countOrders("BYC-")).toBe(7);
    await expectFactsEqualRebuild();
    await expectRollupsEqualRebuild();
  });
});

describe("loyalty for imported orders", () => {
  it("earns nothing by default, and with awardPoints exactly what recordOrder earns", async () => {
    const f = loyaltyFixtures(t);
    await f.program("Import points", {
      type: "points",
      earning: { rate: { points: 1, perMinor: 100 } },
    });
    const customers = await dryRun("CUSTOMERS", "external_id\nLOY-1\nLOY-2\n");
    await start(customers.id);
    await t.app.services.jobs.runReady();
    const twin = await f.customer();
    const at = "2026-06-15T09:00:00.000Z";
    const header =
      "order_id,customer_external_id,occurred_at,currency,product_id,category,amount_minor,discount_minor";
    const quiet = await dryRun("ORDERS", `${header}\nLOY-A,LOY-1,${at},EUR,p0,shoes,5995,500\n`);
    await start(quiet.id);
    const earning = await dryRun("ORDERS", `${header}\nLOY-B,LOY-2,${at},EUR,p0,shoes,5995,500\n`, {
      awardPoints: true,
    });
    await start(earning.id);
    await t.app.services.jobs.runReady();
    await f.order(twin, [{ amountMinor: 5995, category: "shoes", discountMinor: 500 }], {
      occurredAt: new Date(at),
    });
    const balance = async (ref: { externalId?: string; id?: string }) => {
      const res = await t.gql<{ loyaltyStatus: { balance: number }[] }>(
        `query($e: String, $i: ID) { loyaltyStatus(customerExternalId: $e, customerId: $i) { balance } }`,
        { e: ref.externalId ?? null, i: ref.id ?? null },
        t.writeKey,
      );
      expect(res.errors).toBeUndefined();
      return res.data!.loyaltyStatus.reduce((sum, a) => sum + a.balance, 0);
    };
    const twinBalance = await balance({ id: twin });
    expect(twinBalance).toBeGreaterThan(0);
    expect(await balance({ externalId: "LOY-2" })).toBe(twinBalance);
    expect(await balance({ externalId: "LOY-1" })).toBe(0);
  });
});

describe("bad requests and permissions", () => {
  it("refuses imports to read keys and to callers without credentials, over GraphQL and HTTP", async () => {
    const readKey = await t.createKey(["read"]);
    const denied = await createImport("CUSTOMERS", {}, readKey);
    expect(denied.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const imp = (await createImport("CUSTOMERS")).data!.createImport;
    const asReader = await upload(imp.uploadPath, "external_id\nX-1\n", readKey);
    expect(asReader.status).toBe(403);
    expect(asReader.body.errors?.[0]?.extensions.code).toBe("FORBIDDEN");
    const anonymous = await upload(imp.uploadPath, "external_id\nX-1\n", null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.errors?.[0]?.extensions.code).toBe("UNAUTHENTICATED");
    const analyst = await t.createUser("analyst");
    const res = await fetch(`${base}/imports/${imp.id}/problems.csv`, {
      headers: headersFor(analyst),
    });
    expect(res.status).toBe(403);
  });

  it("rejects a file with an unknown or missing column as BAD_USER_INPUT, writing nothing", async () => {
    const imp = (await createImport("ORDERS")).data!.createImport;
    const res = await upload(imp.uploadPath, "order_id,customer,amount_minor\n1,2,3\n");
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      problems: [
        { path: "header[1]", message: 'unknown column "customer"' },
        { path: "header", message: 'required column "customer_external_id" is missing' },
        { path: "header", message: 'required column "occurred_at" is missing' },
        { path: "header", message: 'required column "currency" is missing' },
        { path: "header", message: 'required column "product_id" is missing' },
      ],
    });
    expect((await getImport(imp.id)).status).toBe("FAILED");
    // An upload happens once; a second one is a conflict.
    const again = await upload(imp.uploadPath, "external_id\nX\n");
    expect(again.status).toBe(409);
    expect(again.body.errors?.[0]?.extensions.code).toBe("CONFLICT");
  });

  it("rejects broken CSV, unknown imports and bad options with stable codes", async () => {
    const imp = (await createImport("CUSTOMERS")).data!.createImport;
    const broken = await upload(imp.uploadPath, 'external_id,name\nA,"unclosed\n');
    expect(broken.status).toBe(400);
    expect(broken.body.errors?.[0]?.extensions.code).toBe("BAD_USER_INPUT");
    const missing = await upload(
      "/imports/00000000-0000-4000-8000-000000000000/file",
      "external_id\n",
    );
    expect(missing.status).toBe(404);
    const badChunk = await createImport("CUSTOMERS", { chunkSize: 0 });
    expect(badChunk.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const notValidated = await t.gql(
      `mutation($id: ID!) { startImport(id: $id) { id } }`,
      { id: imp.id },
      t.writeKey,
    );
    expect(notValidated.errors?.[0]?.extensions?.code).toBe("CONFLICT");
  });
});

describe("exports", () => {
  it("exports customers as CSV equal to the database, and the export imports back as all existing", async () => {
    const res = await fetch(`${base}/exports/customers.csv`, { headers: headersFor(t.admin) });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    const text = await res.text();
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    const db = await t.db.read((em) =>
      em.query<Record<string, unknown>[]>(
        `SELECT external_id, email, name, locale, birth_date::text AS birth_date, signed_up_at, marketing_consent, tags FROM customers ORDER BY id`,
      ),
    );
    expect(rows.length).toBe(db.length);
    expect(
      rows.map((r) => ({
        external_id: r.external_id,
        email: r.email || null,
        name: r.name || null,
        locale: r.locale,
        birth_date: r.birth_date || null,
        signed_up_at: r.signed_up_at,
        marketing_consent: r.marketing_consent === "true",
        tags: r.tags ? r.tags.split("|") : [],
      })),
    ).toEqual(
      db.map((c) => ({
        ...c,
        signed_up_at: new Date(c.signed_up_at as string).toISOString(),
      })),
    );
    const back = await dryRun("CUSTOMERS", text);
    expect(back).toMatchObject({ problemRows: 0, readyCount: db.length, existingCount: db.length });
  });

  it("exports a customer's ledger and survey responses, and refuses unknown ids and anonymous callers", async () => {
    const customer = await t.app.services.customers.get({ externalId: "IMP-1" });
    const ledger = await fetch(`${base}/exports/ledger.csv?customerId=${customer!.id}`, {
      headers: headersFor(await t.createKey(["read"])),
    });
    expect(ledger.status).toBe(200);
    expect((await ledger.text()).split("\n")[0]).toBe(
      "seq,occurred_at,program,customer_external_id,kind,amount,pending_delta,reason,actor,source_event_id",
    );
    const unknown = await fetch(
      `${base}/exports/surveys/00000000-0000-4000-8000-000000000000/responses.csv`,
      {
        headers: headersFor(t.admin),
      },
    );
    expect(unknown.status).toBe(404);
    expect(
      ((await unknown.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!
        .extensions.code,
    ).toBe("NOT_FOUND");
    const anonymous = await fetch(`${base}/exports/customers.csv`);
    expect(anonymous.status).toBe(401);
  });
});

async function countOrders(prefix: string): Promise<number> {
  const [row] = await t.db.read((em) =>
    em.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM events WHERE type = 'order' AND order_ref LIKE $1`,
      [`${prefix}%`],
    ),
  );
  return row!.n;
}

/** The facts the import folded equal the facts rebuilt from events. */
async function expectFactsEqualRebuild() {
  const read = () =>
    t.db.read((em) =>
      em.query<Record<string, unknown>[]>(`SELECT * FROM customer_facts ORDER BY customer_id`),
    );
  const folded = await read();
  await t.db.transaction((em) => rebuildFacts(em));
  expect(folded.length).toBeGreaterThan(0);
  expect(folded).toEqual(await read());
}

async function vi_waitFor(check: () => Promise<boolean>, ms = 10_000) {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The analytics rollups the imported orders were folded into equal a rebuild from events. */
async function expectRollupsEqualRebuild() {
  const snapshot = () =>
    t.db.read(async (em) => ({
      activity: await em.query(
        `SELECT window_days, customer_id::text, first_at, words::text FROM analytics_customer_activity ORDER BY 1, 2`,
      ),
      periods: await em.query(
        `SELECT customer_id::text, months, period_start::text, currency, orders, net_minor::text
         FROM analytics_customer_periods ORDER BY 1, 2, 3, 4`,
      ),
      totals: await em.query(
        `SELECT months, period_start::text, currency, sum(orders)::text AS o, sum(net_minor)::text AS n,
           sum(customers)::text AS c, sum(repeat_customers)::text AS rc
         FROM (SELECT * FROM analytics_period_totals UNION ALL SELECT * FROM analytics_period_deltas) x
         GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      ),
      retention: await em.query(
        `SELECT window_days, step, month, sum(active)::text AS a, sum(acquired)::text AS q,
           sum(new_customers)::text AS nc
         FROM (SELECT * FROM analytics_retention_stats UNION ALL SELECT * FROM analytics_retention_deltas) x
         GROUP BY 1, 2, 3 HAVING sum(active) <> 0 OR sum(acquired) <> 0 OR sum(new_customers) <> 0
         ORDER BY 1, 2, 3`,
      ),
      clv: await em.query(
        `SELECT customer_id::text, currency, orders, net_minor::text FROM analytics_customer_totals ORDER BY 1, 2`,
      ),
    }));
  const folded = await snapshot();
  expect(folded.activity.length).toBeGreaterThan(0);
  await t.db.transaction((em) => em.query(`SELECT analytics_rebuild_events()`));
  expect(await snapshot()).toEqual(folded);
}
