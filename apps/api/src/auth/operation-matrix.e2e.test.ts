import { getMetadataStorage } from "type-graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTrouwSchema } from "../schema";
import { sampleOperations, type SampleOperation } from "../test-support/operation-samples";
import { startTestServer, type Credentials, type TestServer } from "../test-support/server";
import { permissionsOf, type Actor, type Permission } from "./permissions";

/**
 * Every query and mutation of the schema, called as every kind of caller, must be allowed
 * exactly when permissions.ts grants the permission its resolver declares. The operations
 * come from the schema itself, so a new one is covered the moment it exists.
 */

/** Operations anyone may call, without credentials. Everything else must declare a permission. */
const PUBLIC = new Set(["login", "logout", "surveyByToken", "submitSurveyByToken"]);

/**
 * Finer rules inside a resolver that refuse some callers the permission alone would let in.
 * They may only narrow: each is a caller that gets FORBIDDEN although it has the permission.
 */
const NARROWER: Record<string, Set<string>> = {
  // An API key is authenticated but has no admin profile.
  me: new Set(["read key", "write key"]),
};

/** Callers: three roles by session cookie, two key scopes, and nobody. */
const CALLERS = ["admin", "analyst", "support", "read key", "write key", "anonymous"] as const;
type Caller = (typeof CALLERS)[number];

const ACTORS: Record<Exclude<Caller, "anonymous">, Actor> = {
  admin: { kind: "user", id: "u", email: "a@x", name: "A", role: "admin" },
  analyst: { kind: "user", id: "u", email: "a@x", name: "A", role: "analyst" },
  support: { kind: "user", id: "u", email: "a@x", name: "A", role: "support" },
  "read key": { kind: "apiKey", id: "k", name: "K", scopes: ["read"] },
  "write key": { kind: "apiKey", id: "k", name: "K", scopes: ["write"] },
};

let t: TestServer;
let operations: SampleOperation[];
let required: Map<string, Permission[]>;
const credentials = new Map<Caller, Credentials>();

beforeAll(async () => {
  t = await startTestServer();
  operations = sampleOperations(await buildTrouwSchema());
  const storage = getMetadataStorage();
  required = new Map(
    [...storage.queries, ...storage.mutations].map((m) => [
      m.schemaName,
      (m.roles ?? []) as Permission[],
    ]),
  );
  credentials.set("admin", await t.createUser("admin"));
  credentials.set("analyst", await t.createUser("analyst"));
  credentials.set("support", await t.createUser("support"));
  credentials.set("read key", await t.createKey(["read"]));
  credentials.set("write key", await t.createKey(["write"]));
  credentials.set("anonymous", null);
}, 120_000);
afterAll(async () => {
  await t?.stop();
});

/** What a caller should get: allowed (anything but an auth error), or the auth error code. */
function expected(op: string, caller: Caller): "ALLOWED" | "FORBIDDEN" | "UNAUTHENTICATED" {
  const needs = required.get(op) ?? [];
  if (needs.length === 0) return "ALLOWED";
  if (caller === "anonymous") return "UNAUTHENTICATED";
  if (NARROWER[op]?.has(caller)) return "FORBIDDEN";
  const granted = permissionsOf(ACTORS[caller]);
  return needs.every((p) => granted.has(p)) ? "ALLOWED" : "FORBIDDEN";
}

const AUTH_CODES = new Set(["FORBIDDEN", "UNAUTHENTICATED"]);

describe("role × operation matrix, generated from the schema", () => {
  it("finds every query and mutation, each either public or guarded by a permission", () => {
    expect(operations.length).toBeGreaterThan(50);
    for (const op of operations) {
      const needs = required.get(op.field);
      expect(needs, `${op.field} has resolver metadata`).toBeDefined();
      if (PUBLIC.has(op.field)) expect(needs, `${op.field} is public`).toEqual([]);
      else expect(needs!.length, `${op.field} declares a permission`).toBeGreaterThan(0);
    }
    for (const name of PUBLIC) expect(operations.map((o) => o.field)).toContain(name);
  });

  it("gives a read-only key no mutation and anonymous callers nothing but the public operations", () => {
    for (const op of operations) {
      if (PUBLIC.has(op.field)) continue;
      expect(expected(op.field, "anonymous"), op.field).toBe("UNAUTHENTICATED");
      if (op.kind === "mutation")
        expect(expected(op.field, "read key"), op.field).toBe("FORBIDDEN");
    }
  });

  it("lets each role, key scope and anonymous caller do exactly what permissions.ts grants", async () => {
    const mismatches: string[] = [];
    let calls = 0;
    // logout ends the caller's session, so it goes last.
    const ordered = [
      ...operations.filter((o) => o.field !== "logout"),
      ...operations.filter((o) => o.field === "logout"),
    ];
    for (const op of ordered) {
      for (const caller of CALLERS) {
        const variables =
          op.field === "login"
            ? { email: "root@test.trouw", password: "correct horse" }
            : op.variables;
        const res = await t.gql(op.document, variables, credentials.get(caller)!);
        calls++;
        const codes = (res.errors ?? []).map((e) => e.extensions?.code ?? "NONE");
        const authCode = codes.find((c) => AUTH_CODES.has(c));
        const got = authCode ?? "ALLOWED";
        const want = expected(op.field, caller);
        if (got !== want)
          mismatches.push(
            `${op.kind} ${op.field} as ${caller}: got ${got} (${codes.join(", ")}: ${res.errors?.[0]?.message}), want ${want}`,
          );
      }
    }
    expect(mismatches).toEqual([]);
    expect(calls).toBe(operations.length * CALLERS.length);
  }, 300_000);
});
