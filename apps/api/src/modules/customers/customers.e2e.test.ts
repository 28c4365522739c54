import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../test-support/server";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.stop();
});

const CREATE = `mutation($input: CreateCustomerInput!, $key: String) {
  createCustomer(input: $input, idempotencyKey: $key) {
    id externalId email name locale tags attributes acquisitionSource personalityColour marketingConsent marketingConsentAt
    contactGuidance { colour summary guidance }
  }
}`;

type Created = { createCustomer: { id: string; externalId: string; [k: string]: unknown } };

async function create(input: Record<string, unknown>, key?: string) {
  return t.gql<Created>(CREATE, { input, key }, t.writeKey);
}

describe("customers over HTTP", () => {
  it("creates a customer with every field and returns contact guidance for its colour", async () => {
    const res = await create({
      externalId: "shop-1",
      email: "anna@example.nl",
      name: "Anna de Vries",
      locale: "nl",
      tags: ["VIP", "newsletter"],
      attributes: { shoeSize: 39 },
      acquisitionSource: "COMPETITOR_SWITCH",
      personalityColour: "GREEN",
      marketingConsent: true,
    });
    expect(res.errors).toBeUndefined();
    const c = res.data!.createCustomer;
    expect(c).toMatchObject({
      externalId: "shop-1",
      tags: ["newsletter", "vip"],
      attributes: { shoeSize: 39 },
      acquisitionSource: "COMPETITOR_SWITCH",
      personalityColour: "GREEN",
      marketingConsent: true,
      marketingConsentAt: t.clock.now().toISOString(),
    });
    expect((c.contactGuidance as { guidance: string[] }).guidance).toContain(
      'Ask "any further questions?"',
    );
    const byExternal = await t.gql<{ customer: { id: string } }>(
      `{ customer(externalId: "shop-1") { id } }`,
      {},
      t.writeKey,
    );
    expect(byExternal.data!.customer.id).toBe(c.id);
    const byId = await t.gql<{ customer: { name: string } }>(
      `query($id: ID) { customer(id: $id) { name } }`,
      { id: c.id },
      t.writeKey,
    );
    expect(byId.data!.customer.name).toBe("Anna de Vries");
  });

  it("rejects an invalid email with BAD_USER_INPUT and writes nothing", async () => {
    const before = await t.count("customers");
    const res = await create({ externalId: "bad-email", email: "not-an-email" });
    expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0]?.extensions?.problems).toEqual([
      { path: "email", message: expect.any(String) },
    ]);
    expect(await t.count("customers")).toBe(before);
  });

  it("rejects a duplicate externalId with CONFLICT and writes nothing", async () => {
    await create({ externalId: "dup-1" });
    const before = await t.count("customers");
    const res = await create({ externalId: "dup-1", name: "Other" });
    expect(res.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(await t.count("customers")).toBe(before);
  });

  it("rejects wrong types before anything runs", async () => {
    const before = await t.count("customers");
    const res = await t.gql(
      CREATE,
      { input: { externalId: 42, marketingConsent: "yes please" } },
      t.writeKey,
    );
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(await t.count("customers")).toBe(before);
  });

  it("replays an idempotent create without writing twice, and refuses the key for a different request", async () => {
    const first = await create({ externalId: "idem-1", name: "Bo" }, "create-idem-1");
    const before = await t.count("customers");
    const again = await create({ externalId: "idem-1", name: "Bo" }, "create-idem-1");
    expect(again.errors).toBeUndefined();
    expect(again.data!.createCustomer.id).toBe(first.data!.createCustomer.id);
    expect(await t.count("customers")).toBe(before);
    const different = await create({ externalId: "idem-2", name: "Bo" }, "create-idem-1");
    expect(different.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(await t.count("customers")).toBe(before);
  });

  it("updates only the given fields, records consent changes, and clears the colour", async () => {
    const { id } = (
      await create({
        externalId: "upd-1",
        name: "Cas",
        email: "cas@example.com",
        personalityColour: "RED",
      })
    ).data!.createCustomer;
    t.clock.advance(60_000);
    const res = await t.gql<{ updateCustomer: Record<string, unknown> }>(
      `mutation($id: ID!, $input: UpdateCustomerInput!) { updateCustomer(id: $id, input: $input) { name email phone marketingConsent marketingConsentAt personalityColour updatedAt } }`,
      {
        id,
        input: { phone: "+31 20 1234567", marketingConsent: true, clearPersonalityColour: true },
      },
      t.admin,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateCustomer).toMatchObject({
      name: "Cas",
      email: "cas@example.com",
      phone: "+31 20 1234567",
      marketingConsent: true,
      marketingConsentAt: t.clock.now().toISOString(),
      personalityColour: null,
      updatedAt: t.clock.now().toISOString(),
    });
  });

  it("answers NOT_FOUND for an unknown customer update and BAD_USER_INPUT for a malformed id", async () => {
    const unknown = await t.gql(
      `mutation { updateCustomer(id: "00000000-0000-4000-8000-000000000000", input: { name: "X" }) { id } }`,
      {},
      t.admin,
    );
    expect(unknown.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const malformed = await t.gql(
      `mutation { updateCustomer(id: "nope", input: { name: "X" }) { id } }`,
      {},
      t.admin,
    );
    expect(malformed.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const missing = await t.gql<{ customer: null }>(
      `{ customer(externalId: "does-not-exist") { id } }`,
      {},
      t.admin,
    );
    expect(missing.errors).toBeUndefined();
    expect(missing.data!.customer).toBeNull();
  });
});
