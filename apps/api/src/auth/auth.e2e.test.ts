import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type Credentials, type TestServer } from "../test-support/server";
import { UsersService } from "../modules/users/users.service";

let t: TestServer;
let customerId: string;
let contactId: string;
beforeAll(async () => {
  t = await startTestServer();
  customerId = (
    await t.gql<{ createCustomer: { id: string } }>(
      `mutation { createCustomer(input: { externalId: "auth-1" }) { id } }`,
      {},
      t.writeKey,
    )
  ).data!.createCustomer.id;
  contactId = (
    await t.gql<{ logSupportContact: { id: string } }>(
      `mutation($id: ID) { logSupportContact(input: { customerId: $id, kind: OTHER, subject: "Hi" }) { id } }`,
      { id: customerId },
      t.writeKey,
    )
  ).data!.logSupportContact.id;
});
afterAll(async () => {
  await t?.stop();
});

const code = (res: { errors?: { extensions?: { code?: string } }[] }) =>
  res.errors?.[0]?.extensions?.code ?? "OK";

describe("sessions", () => {
  it("logs in with a session cookie that is httpOnly and SameSite", async () => {
    const res = await fetch(t.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: `mutation { login(email: "root@test.trouw", password: "correct horse") { email role } }`,
      }),
    });
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/trouw_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(((await res.json()) as { data: unknown }).data).toEqual({
      login: { email: "root@test.trouw", role: "ADMIN" },
    });
  });

  it("refuses a wrong password with UNAUTHENTICATED and sets no cookie", async () => {
    const res = await fetch(t.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: `mutation { login(email: "root@test.trouw", password: "wrong") { id } }`,
      }),
    });
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(code((await res.json()) as never)).toBe("UNAUTHENTICATED");
  });

  it("stores passwords as argon2 hashes, never in clear", async () => {
    const [row] = (await t.db.read((em) =>
      em.query(`SELECT password_hash FROM admin_users WHERE email = 'root@test.trouw'`),
    )) as [{ password_hash: string }];
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it("ends the session on logout and expires it after its lifetime", async () => {
    const session = await t.login("root@test.trouw", "correct horse");
    expect(code(await t.gql(`{ me { id } }`, {}, session))).toBe("OK");
    await t.gql(`mutation { logout }`, {}, session);
    expect(code(await t.gql(`{ me { id } }`, {}, session))).toBe("UNAUTHENTICATED");

    const expiring = await t.login("root@test.trouw", "correct horse");
    t.clock.advance(t.config.SESSION_TTL_HOURS * 3_600_000 + 1000);
    expect(code(await t.gql(`{ me { id } }`, {}, expiring))).toBe("UNAUTHENTICATED");
    t.clock.advance(-(t.config.SESSION_TTL_HOURS * 3_600_000 + 1000));
  });
});

describe("API keys", () => {
  it("shows the secret once, stores only a hash, records last use, and stops working when revoked", async () => {
    const created = await t.gql<{
      createApiKey: {
        secret: string;
        apiKey: { id: string; prefix: string; scopes: string[]; lastUsedAt: null };
      };
    }>(
      `mutation { createApiKey(name: "Shopify sync", scopes: [READ]) { secret apiKey { id prefix scopes lastUsedAt } } }`,
      {},
      t.admin,
    );
    const { secret, apiKey } = created.data!.createApiKey;
    expect(secret).toContain(apiKey.prefix);
    const stored = JSON.stringify(
      await t.db.read((em) => em.query(`SELECT * FROM api_keys WHERE id = $1`, [apiKey.id])),
    );
    expect(stored).not.toContain(secret.slice(`trw_${apiKey.prefix}_`.length));

    expect(
      code(await t.gql(`{ customers(first: 1) { totalCount } }`, {}, { apiKey: secret })),
    ).toBe("OK");
    const listed = await t.gql<{ apiKeys: { id: string; lastUsedAt: string | null }[] }>(
      `{ apiKeys { id lastUsedAt } }`,
      {},
      t.admin,
    );
    expect(listed.data!.apiKeys.find((k) => k.id === apiKey.id)!.lastUsedAt).toBe(
      t.clock.now().toISOString(),
    );
    expect(JSON.stringify(listed)).not.toContain(secret);

    await t.gql(
      `mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`,
      { id: apiKey.id },
      t.admin,
    );
    expect(
      code(await t.gql(`{ customers(first: 1) { totalCount } }`, {}, { apiKey: secret })),
    ).toBe("UNAUTHENTICATED");
  });

  it("trusts a checked key for API_KEY_CACHE_SECONDS: no statement per request, and a revocation by another process takes effect within that time", async () => {
    const created = await t.gql<{ createApiKey: { secret: string; apiKey: { id: string } } }>(
      `mutation { createApiKey(name: "Cached", scopes: [READ]) { secret apiKey { id } } }`,
      {},
      t.admin,
    );
    const { secret, apiKey } = created.data!.createApiKey;
    const read = () => t.gql(`{ customers(first: 1) { totalCount } }`, {}, { apiKey: secret });
    const first = await read();
    const second = await read();
    expect(code(second)).toBe("OK");
    // The first request read the key (and recorded its last use); the second read neither.
    expect(first.extensions!.queryCount! - second.extensions!.queryCount!).toBeGreaterThanOrEqual(
      1,
    );

    // Another API process (same database, its own cache) revokes the key.
    const replica = new UsersService(t.db, t.clock, t.config);
    await replica.revokeApiKey(apiKey.id);
    t.clock.advance((t.config.API_KEY_CACHE_SECONDS - 1) * 1000);
    expect(code(await read())).toBe("OK");
    t.clock.advance(1000);
    expect(code(await read())).toBe("UNAUTHENTICATED");
  });

  it("treats a malformed or unknown key as no credentials", async () => {
    expect(
      code(await t.gql(`{ customers(first: 1) { totalCount } }`, {}, { apiKey: "trw_nope" })),
    ).toBe("UNAUTHENTICATED");
  });
});

describe("every operation is guarded by role and scope", () => {
  // [operation, variables, who may do it]
  const ops: [string, string, () => Record<string, unknown>, Set<string>][] = [
    [
      "read customers",
      `{ customers(first: 1) { totalCount } }`,
      () => ({}),
      new Set(["admin", "analyst", "support", "read"]),
    ],
    [
      "read one customer",
      `query($id: ID) { customer(id: $id) { id timeline { totalCount } supportContacts { totalCount } } }`,
      () => ({ id: customerId }),
      new Set(["admin", "analyst", "support", "read"]),
    ],
    [
      "create a customer",
      `mutation($x: String!) { createCustomer(input: { externalId: $x }) { id } }`,
      () => ({ x: `g-${Math.random()}` }),
      new Set(["admin", "write"]),
    ],
    [
      "update a customer",
      `mutation($id: ID!) { updateCustomer(id: $id, input: { name: "N" }) { id } }`,
      () => ({ id: customerId }),
      new Set(["admin", "write"]),
    ],
    [
      "record an event",
      `mutation($id: ID) { recordVisit(input: { customerId: $id }) { id } }`,
      () => ({ id: customerId }),
      new Set(["admin", "write"]),
    ],
    [
      "log a support contact",
      `mutation($id: ID) { logSupportContact(input: { customerId: $id, kind: OTHER, subject: "S" }) { id } }`,
      () => ({ id: customerId }),
      new Set(["admin", "support", "write"]),
    ],
    [
      "update a support contact",
      `mutation($id: ID!) { updateSupportContact(id: $id, input: { status: PENDING }) { id } }`,
      () => ({ id: contactId }),
      new Set(["admin", "support", "write"]),
    ],
    ["manage API keys", `{ apiKeys { id } }`, () => ({}), new Set(["admin"])],
    ["manage admin users", `{ adminUsers { id } }`, () => ({}), new Set(["admin"])],
  ];
  const who: Record<string, () => Promise<Credentials>> = {
    admin: () => t.createUser("admin"),
    analyst: () => t.createUser("analyst"),
    support: () => t.createUser("support"),
    read: () => t.createKey(["read"]),
    write: () => t.createKey(["write"]),
  };

  it("gives UNAUTHENTICATED without credentials for every operation", async () => {
    for (const [, query, vars] of ops)
      expect(code(await t.gql(query, vars(), null))).toBe("UNAUTHENTICATED");
  });

  it("allows exactly the intended roles and scopes, and FORBIDDEN for the rest", async () => {
    const matrix: string[] = [];
    for (const [name, make] of Object.entries(who)) {
      const creds = await make();
      for (const [op, query, vars, allowed] of ops) {
        const got = code(await t.gql(query, vars(), creds));
        matrix.push(`${name} / ${op}: ${got}`);
        expect(got, `${name} / ${op}`).toBe(allowed.has(name) ? "OK" : "FORBIDDEN");
      }
    }
    expect(matrix).toHaveLength(Object.keys(who).length * ops.length);
  });
});
