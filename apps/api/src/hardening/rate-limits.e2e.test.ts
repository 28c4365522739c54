import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Config } from "@trouw/config";
import { createApp, type TrouwApp } from "../app";
import { UsersService } from "../modules/users/users.service";
import { startTestServer, type Credentials, type TestServer } from "../test-support/server";

let t: TestServer;
const extraApps: TrouwApp[] = [];
beforeAll(async () => {
  t = await startTestServer({
    API_KEY_RATE_LIMIT_PER_SECOND: 1,
    API_KEY_RATE_LIMIT_BURST: 3,
    LOGIN_LOCKOUT_ATTEMPTS: 3,
    LOGIN_LOCKOUT_MINUTES: 15,
  });
});
afterAll(async () => {
  for (const app of extraApps) await app.stop();
  await t?.stop();
});

/** Another app on the same database and clock with other settings (PGlite is one per process). */
async function startApp(overrides: Partial<Config>): Promise<string> {
  const app = await createApp({
    config: { ...t.config, ...overrides },
    db: t.db,
    clock: t.clock,
    logger: pino({ level: "silent" }),
  });
  extraApps.push(app);
  return `${await app.listen(0, "127.0.0.1")}/graphql`;
}

interface Reply {
  status: number;
  retryAfter: string | null;
  cookie: string | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

async function call(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<Reply> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { errors?: Reply["errors"] };
  return {
    status: res.status,
    retryAfter: res.headers.get("retry-after"),
    cookie: res.headers.get("set-cookie"),
    errors: body.errors,
  };
}

const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { id } }`;
const login = (url: string, email: string, password: string, headers = {}) =>
  call(url, LOGIN, { e: email, p: password }, headers);
const code = (r: Reply) => r.errors?.[0]?.extensions?.code ?? "OK";
const bearer = (c: Credentials) => ({
  authorization: `Bearer ${(c as { apiKey: string }).apiKey}`,
});

describe("rate limit per API key", () => {
  it("allows the burst, then answers 429 RATE_LIMITED with Retry-After until a token is back", async () => {
    const key = await t.createKey(["read"]);
    const other = await t.createKey(["read"]);
    const read = (c: Credentials) =>
      call(t.url, `{ customers(first: 1) { totalCount } }`, {}, bearer(c));

    for (let i = 0; i < 3; i++) expect(code(await read(key))).toBe("OK");
    const refused = await read(key);
    expect(refused.status).toBe(429);
    expect(refused.retryAfter).toBe("1");
    expect(refused.errors![0]!.extensions).toEqual({ code: "RATE_LIMITED", retryAfterSeconds: 1 });

    // Other keys and cookie sessions have buckets of their own.
    expect(code(await read(other))).toBe("OK");
    expect(
      code(
        await call(t.url, `{ me { id } }`, {}, { cookie: (t.admin as { cookie: string }).cookie }),
      ),
    ).toBe("OK");

    t.clock.advance(1000);
    expect(code(await read(key))).toBe("OK");
    expect((await read(key)).status).toBe(429);
  });
});

describe("rate limit on sign-ins per client address", () => {
  it("refuses sign-in attempts past LOGIN_RATE_LIMIT_PER_MINUTE with 429 and Retry-After, before checking the password", async () => {
    const url = await startApp({ LOGIN_RATE_LIMIT_PER_MINUTE: 3, LOGIN_LOCKOUT_ATTEMPTS: 0 });
    await t.app.services.users.createUser({
      email: "ip@test.trouw",
      name: "Ip",
      role: "support",
      password: "correct horse",
    });
    for (const n of [1, 2, 3])
      expect(code(await login(url, `nobody${n}@test.trouw`, "wrong"))).toBe("UNAUTHENTICATED");

    const refused = await login(url, "ip@test.trouw", "correct horse");
    expect(refused.status).toBe(429);
    expect(refused.retryAfter).toBe("20"); // three a minute: one every 20 s
    expect(code(refused)).toBe("RATE_LIMITED");
    expect(refused.cookie).toBeNull();

    // A forged X-Forwarded-For does not buy a new bucket unless TRUST_PROXY says so.
    expect(
      (await login(url, "ip@test.trouw", "correct horse", { "x-forwarded-for": "203.0.113.9" }))
        .status,
    ).toBe(429);

    t.clock.advance(20_000);
    const allowed = await login(url, "ip@test.trouw", "correct horse");
    expect(code(allowed)).toBe("OK");
    expect(allowed.cookie).toMatch(/trouw_session=/);
  });

  it("counts every aliased login in one request", async () => {
    const url = await startApp({ LOGIN_RATE_LIMIT_PER_MINUTE: 3, LOGIN_LOCKOUT_ATTEMPTS: 0 });
    const aliases = [1, 2, 3, 4].map(
      (n) => `a${n}: login(email: "x${n}@test.trouw", password: "guess") { id }`,
    );
    const res = await call(url, `mutation { ${aliases.join(" ")} }`);
    expect(res.status).toBe(429);
    expect(code(res)).toBe("RATE_LIMITED");
  });

  it("behind a trusted proxy, limits each forwarded client separately", async () => {
    const url = await startApp({
      LOGIN_RATE_LIMIT_PER_MINUTE: 1,
      LOGIN_LOCKOUT_ATTEMPTS: 0,
      TRUST_PROXY: true,
    });
    const from = (ip: string) => ({ "x-forwarded-for": ip });
    expect(code(await login(url, "p1@test.trouw", "x", from("198.51.100.1")))).toBe(
      "UNAUTHENTICATED",
    );
    expect(code(await login(url, "p2@test.trouw", "x", from("198.51.100.1")))).toBe("RATE_LIMITED");
    expect(code(await login(url, "p3@test.trouw", "x", from("198.51.100.2")))).toBe(
      "UNAUTHENTICATED",
    );
  });
});

describe("login lockout per account", () => {
  it("locks an email after LOGIN_LOCKOUT_ATTEMPTS failures, even for the right password, and unlocks after the window", async () => {
    await t.app.services.users.createUser({
      email: "locked@test.trouw",
      name: "Locked",
      role: "analyst",
      password: "correct horse",
    });
    for (let i = 0; i < 3; i++) {
      const res = await login(t.url, "locked@test.trouw", "wrong");
      expect(res.errors![0]!.extensions).toEqual({ code: "UNAUTHENTICATED" });
    }
    const locked = await login(t.url, "locked@test.trouw", "correct horse");
    expect(locked.errors![0]!.extensions).toMatchObject({
      code: "UNAUTHENTICATED",
      reason: "LOCKED_OUT",
      retryAfterSeconds: 15 * 60,
    });
    expect(locked.cookie).toBeNull();

    // Kept in the database: a fresh process (a new service on the same database) still refuses.
    const restarted = new UsersService(t.db, t.clock, t.config);
    await expect(restarted.login("locked@test.trouw", "correct horse")).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
      reason: "LOCKED_OUT",
    });

    t.clock.advance(15 * 60_000 - 1000);
    expect(code(await login(t.url, "locked@test.trouw", "correct horse"))).toBe("UNAUTHENTICATED");
    t.clock.advance(1000);
    const unlocked = await login(t.url, "locked@test.trouw", "correct horse");
    expect(code(unlocked)).toBe("OK");
    expect(unlocked.cookie).toMatch(/trouw_session=/);
  });

  it("answers an unknown email exactly like a known one, so lockout reveals no accounts", async () => {
    await t.app.services.users.createUser({
      email: "known@test.trouw",
      name: "Known",
      role: "analyst",
      password: "correct horse",
    });
    const attempt = async (email: string) => {
      const replies = [];
      for (let i = 0; i < 4; i++) replies.push(await login(t.url, email, "wrong"));
      return replies.map((r) => ({
        status: r.status,
        error: r.errors![0]!.message,
        ext: r.errors![0]!.extensions,
      }));
    };
    const known = await attempt("known@test.trouw");
    const unknown = await attempt("nobody-at-all@test.trouw");
    expect(unknown).toEqual(known);
    expect(known[3]!.ext).toMatchObject({ reason: "LOCKED_OUT" });
  });

  it("forgets failures after a successful sign-in and after the window", async () => {
    await t.app.services.users.createUser({
      email: "typo@test.trouw",
      name: "Typo",
      role: "support",
      password: "correct horse",
    });
    const wrong = () => login(t.url, "typo@test.trouw", "wrong");
    await wrong();
    await wrong();
    expect(code(await login(t.url, "typo@test.trouw", "correct horse"))).toBe("OK");
    await wrong();
    await wrong();
    t.clock.advance(15 * 60_000 + 1000);
    await wrong();
    await wrong();
    expect(code(await login(t.url, "typo@test.trouw", "correct horse"))).toBe("OK");
  });
});
