import { randomUUID } from "node:crypto";
import { request } from "node:http";
import fc from "fast-check";
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isRequiredInputField,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_CODES } from "../common/errors";
import { buildTrouwSchema } from "../schema";
import { loyaltyFixtures, pointsConfig } from "../test-support/loyalty-fixtures";
import { startTestServer, type Credentials, type TestServer } from "../test-support/server";

/**
 * Throws random and malformed input at every mutation of the schema, over HTTP, as an admin
 * session and as an API key. The mutations and their argument types come from the schema,
 * so a new mutation is fuzzed the moment it exists. Whatever comes in, the API must answer
 * with a stable error code (never INTERNAL_SERVER_ERROR, never HTTP 500), and a call that
 * failed must not have written a single row.
 *
 * MUTATION_FUZZ_RUNS (default 10) calls per mutation; MUTATION_FUZZ_SEED to replay a failure,
 * MUTATION_FUZZ_ONLY=a,b to fuzz only those mutations.
 */
const RUNS = Number(process.env.MUTATION_FUZZ_RUNS ?? 10);
const SEED = Number(process.env.MUTATION_FUZZ_SEED ?? 20261123);
/** One seed per mutation, from its name: a mutation's run does not depend on the others. */
const seedOf = (name: string) => [...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, SEED);
/** Comma-separated mutation names to fuzz only those (when chasing a failure). */
const ONLY = process.env.MUTATION_FUZZ_ONLY;

/** Codes a client may rely on; INTERNAL_SERVER_ERROR is the masked "unexpected" one. */
const STABLE_CODES = new Set<string>(ERROR_CODES.filter((c) => c !== "INTERNAL_SERVER_ERROR"));

/**
 * Tables a refused call may legitimately write, by mutation, with the reason. Everything
 * else must be exactly as before when a mutation answered with an error.
 */
const WRITES_ON_REFUSAL: Record<string, Set<string>> = {
  // Failed sign-ins are counted per email outside the (refused) sign-in, for the lockout.
  login: new Set(["login_failures"]),
};

/** Mutations that end the caller's own session; the test signs in again after them. */
const ENDS_SESSION = new Set(["logout"]);

let t: TestServer;
let schema: GraphQLSchema;
let countSql: string;
/** Real identifiers from the seed, so some calls get past "not found" into deeper code. */
const pool: { ids: string[]; strings: string[] } = { ids: [], strings: [] };

async function tableCounts(): Promise<Record<string, number>> {
  const [row] = (await t.db.read((em) => em.query(countSql))) as [Record<string, number>];
  return row;
}

beforeAll(async () => {
  t = await startTestServer();
  schema = await buildTrouwSchema();
  const tables = (await t.db.read((em) =>
    em.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations' ORDER BY 1`,
    ),
  )) as { tablename: string }[];
  countSql = `SELECT ${tables
    .map(({ tablename }) => `(SELECT count(*)::int FROM "${tablename}") AS "${tablename}"`)
    .join(", ")}`;

  const f = loyaltyFixtures(t);
  const programId = await f.program("Fuzz points", pointsConfig());
  const customerIds = [await f.customer(), await f.customer({ tags: ["vip"] })];
  await f.order(customerIds[0]!, [{ amountMinor: 12_345, category: "shoes" }]);
  const rewardId = await f.reward(programId, { cost: 10 });
  const segment = await t.gql<{ createSegment: { id: string } }>(
    `mutation { createSegment(input: { templateKey: "lapsed" }) { id } }`,
    {},
    t.admin,
  );
  const survey = await t.gql<{ createSurveyFromTemplate: { id: string } }>(
    `mutation { createSurveyFromTemplate(template: STARTER) { id } }`,
    {},
    t.admin,
  );
  pool.ids.push(programId, rewardId, ...customerIds);
  if (segment.data) pool.ids.push(segment.data.createSegment.id);
  if (survey.data) pool.ids.push(survey.data.createSurveyFromTemplate.id);
  pool.strings.push("loyal-1", "loyal-2", "EUR", "ord-1", "shoes", "vip", "lapsed");
}, 120_000);

afterAll(async () => {
  await t?.stop();
});

// ---- arbitraries derived from GraphQL input types --------------------------------------

const HUGE = "x".repeat(100_000);
const DEEP_JSON = (() => {
  let v: unknown = { leaf: true };
  for (let i = 0; i < 300; i++) v = { nested: v, list: [i] };
  return v;
})();

const strings = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...pool.strings, ...pool.ids) },
    { weight: 3, arbitrary: fc.string({ maxLength: 24 }) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        "",
        "   ",
        "\u0000",
        "a\u0000b",
        "\ud800",
        HUGE,
        "'; DROP TABLE customers; --",
        "%_\\",
        "../../etc/passwd",
        "🙂".repeat(500),
        "2026-02-30",
        "NaN",
        "-1",
      ),
    },
  );

const ids = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...pool.ids) },
    { weight: 1, arbitrary: fc.constant(randomUUID()) },
    { weight: 1, arbitrary: fc.uuid() },
    {
      weight: 1,
      arbitrary: fc.constantFrom("", "not-a-uuid", "0", "-1", HUGE, "\u0000", "00000000-0000"),
    },
  );

const isoDates = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc
      .date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true })
      .map((d) => d.toISOString()),
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    fc.constantFrom(
      "2026-06-15T10:00:00.000Z",
      "0001-01-01T00:00:00Z",
      "9999-12-31T23:59:59Z",
      "2026-02-30T00:00:00Z",
      "yesterday",
      "",
    ),
  );

const localDates = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    fc.constantFrom("2026-06-15", "0000-01-01", "9999-12-31", "2026-02-30", "2026-6-1", "x"),
  );

const json = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
    { weight: 1, arbitrary: fc.constant(DEEP_JSON) },
    { weight: 1, arbitrary: fc.constant({ type: "points", earning: { rate: { points: -1 } } }) },
    { weight: 1, arbitrary: fc.constant({ version: 1, root: { type: "and", children: [] } }) },
  );

/** A value of the wrong shape for whatever was expected. */
const wrongType = (): fc.Arbitrary<unknown> =>
  fc.constantFrom(42, -1.5, "str", true, {}, [], [1, "a"], { bogus: 1 }, null, "NOT_A_VALUE");

function scalar(name: string): fc.Arbitrary<unknown> {
  switch (name) {
    case "ID":
      return ids();
    case "String":
      return strings();
    case "Int":
      return fc.oneof(
        fc.integer(),
        fc.constantFrom(0, -1, 1, 2_147_483_647, -2_147_483_648, 1_000_000_000),
      );
    case "SafeInt":
      return fc.oneof(
        fc.maxSafeInteger(),
        fc.constantFrom(0, -1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER),
      );
    case "Float":
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case "Boolean":
      return fc.boolean();
    case "DateTime":
      return isoDates();
    case "LocalDate":
      return localDates();
    case "JSON":
      return json();
    case "JSONObject":
      return json().filter((v) => typeof v === "object" && v !== null && !Array.isArray(v));
    default:
      return strings();
  }
}

/**
 * `wild` mixes in what GraphQL must refuse (wrong types, unknown enum values, nulls for
 * required values, unknown or missing fields); without it every value is type-valid
 * nonsense that has to reach the resolvers.
 */
function inputArb(type: GraphQLInputType, wild: boolean, depth = 0): fc.Arbitrary<unknown> {
  const wrap = (arb: fc.Arbitrary<unknown>) =>
    wild ? fc.oneof({ weight: 6, arbitrary: arb }, { weight: 1, arbitrary: wrongType() }) : arb;
  if (isNonNullType(type)) return inner(type.ofType);
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 3, arbitrary: inner(type) },
  );

  function inner(t: GraphQLInputType): fc.Arbitrary<unknown> {
    if (isNonNullType(t)) return inner(t.ofType);
    if (isListType(t))
      return wrap(fc.array(inputArb(t.ofType, wild, depth + 1), { maxLength: depth > 2 ? 1 : 4 }));
    if (isEnumType(t)) {
      const values = t.getValues().map((v) => v.name);
      return wild
        ? fc.oneof(
            { weight: 5, arbitrary: fc.constantFrom(...values) },
            { weight: 1, arbitrary: fc.constantFrom("NOT_A_VALUE", values[0]!.toLowerCase(), 1) },
          )
        : fc.constantFrom(...values);
    }
    if (isInputObjectType(t)) {
      const fields = Object.values(t.getFields());
      const required = fields.filter(isRequiredInputField).map((f) => f.name);
      const record = fc.record(
        Object.fromEntries(
          fields.map((f) =>
            depth > 4 && !isRequiredInputField(f)
              ? [f.name, fc.constant(undefined)]
              : [f.name, inputArb(f.type, wild, depth + 1)],
          ),
        ),
        { requiredKeys: required },
      );
      if (!wild) return record;
      return fc.oneof(
        { weight: 6, arbitrary: record },
        { weight: 1, arbitrary: record.map((r) => ({ ...r, bogusField: "x" })) },
        {
          weight: 1,
          arbitrary: record.map((r) => {
            const copy = { ...r } as Record<string, unknown>;
            if (required[0]) delete copy[required[0]];
            return copy;
          }),
        },
        { weight: 1, arbitrary: wrongType() },
      );
    }
    if (isScalarType(t)) return wrap(scalar(t.name));
    throw new Error(`no arbitrary for ${String(t)}`);
  }
}

/** Every argument (optional ones sometimes left out), as variables. */
function callArb(field: GraphQLField<unknown, unknown>, wild: boolean) {
  return fc.record(Object.fromEntries(field.args.map((a) => [a.name, inputArb(a.type, wild)])), {
    requiredKeys: field.args.filter((a) => isNonNullType(a.type)).map((a) => a.name),
  });
}

/** `__typename` and the scalar fields without required arguments, so field resolvers run too. */
function selectionOf(field: GraphQLField<unknown, unknown>): string {
  const type = getNamedType(field.type);
  if (isLeafType(type)) return "";
  if (!isObjectType(type)) return " { __typename }";
  const leaves = Object.values(type.getFields())
    .filter((f) => isLeafType(getNamedType(f.type)) && f.args.every((a) => !isNonNullType(a.type)))
    .map((f) => f.name);
  return ` { __typename ${leaves.join(" ")} }`;
}

/**
 * One POST on a fresh connection: with keep-alive, a request can race the server closing an
 * idle socket and fail before it arrives, which would read as a failure of the API.
 */
function post(
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolveResponse, reject) => {
    const req = request(url, { method: "POST", headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolveResponse({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

interface Outcome {
  status: number;
  errors: { message: string; extensions?: { code?: string } }[];
  data: unknown;
}

async function call(
  field: GraphQLField<unknown, unknown>,
  variables: Record<string, unknown>,
  as: Credentials,
): Promise<Outcome> {
  const definitions = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(", ");
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(", ");
  const document = `mutation Fuzz${definitions ? `(${definitions})` : ""} { ${field.name}${
    args ? `(${args})` : ""
  }${selectionOf(field)} }`;
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (as && "apiKey" in as) headers.authorization = `Bearer ${as.apiKey}`;
  if (as && "cookie" in as) headers.cookie = as.cookie;
  const res = await post(t.url, headers, JSON.stringify({ query: document, variables }));
  const text = res.body;
  let body: { data?: unknown; errors?: Outcome["errors"] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    body = { errors: [{ message: `non-JSON answer: ${text.slice(0, 200)}` }] };
  }
  return { status: res.status, errors: body.errors ?? [], data: body.data ?? null };
}

describe("bugs the fuzzer found, pinned", () => {
  it("refuses U+0000 in variables and in literals with BAD_USER_INPUT (not a database error)", async () => {
    const before = await tableCounts();
    const inVariables = await t.gql(
      `mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id } }`,
      { i: { externalId: "nul\u0000byte", attributes: { "k\u0000": "v" } } },
      t.writeKey,
    );
    expect([inVariables.status, inVariables.errors?.[0]?.extensions?.code]).toEqual([
      400,
      "BAD_USER_INPUT",
    ]);
    expect(inVariables.errors?.[0]?.extensions?.problems?.map((p) => p.path)).toEqual([
      "variables.i.externalId",
      "variables.i.attributes (a key)",
    ]);
    const inLiteral = await t.gql(
      `mutation { createCustomer(input: { externalId: "nul\\u0000byte" }) { id } }`,
      {},
      t.writeKey,
    );
    expect(inLiteral.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(await tableCounts()).toEqual(before);
  });

  it("answers NOT_FOUND for an API key id that is not a UUID", async () => {
    const res = await t.gql(`mutation { revokeApiKey(id: "0") { id } }`, {}, t.admin);
    expect(res.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });
});

describe("mutation fuzzing over HTTP", () => {
  it("finds the mutations in the schema", () => {
    expect(Object.keys(schema.getMutationType()!.getFields()).length).toBeGreaterThan(40);
  });

  it("never answers 500 or INTERNAL_SERVER_ERROR, always a stable code, and writes nothing when it refuses", async () => {
    const mutations = Object.values(schema.getMutationType()!.getFields()).filter(
      (m) => !ONLY || ONLY.split(",").includes(m.name),
    );
    const failures: string[] = [];
    let counts = await tableCounts();
    let calls = 0;
    let refused = 0;

    for (const field of mutations) {
      const property = fc.asyncProperty(
        fc.boolean(),
        fc.boolean().chain((wild) => callArb(field, wild).map((vars) => ({ wild, vars }))),
        async (asAdmin, { wild, vars }) => {
          const as = asAdmin ? t.admin : t.writeKey;
          let outcome: Outcome;
          try {
            outcome = await call(field, vars, as);
          } catch (err) {
            const cause = (err as { cause?: unknown }).cause;
            failures.push(
              `${field.name}: the call itself failed: ${String(err)} (${String(cause)}) with ${JSON.stringify(vars).slice(0, 600)}`,
            );
            return false;
          }
          calls++;
          const label = `${field.name} as ${asAdmin ? "admin" : "api key"} (${wild ? "wild" : "typed"})`;
          const show = () => JSON.stringify(vars).slice(0, 400);

          const problems: string[] = [];
          if (outcome.status >= 500) problems.push(`HTTP ${outcome.status}`);
          for (const e of outcome.errors) {
            const code = e.extensions?.code;
            if (!code || !STABLE_CODES.has(code))
              problems.push(`error code ${String(code)}: ${e.message.slice(0, 200)}`);
          }
          const after = await tableCounts();
          if (outcome.errors.length > 0) {
            refused++;
            const allowed = WRITES_ON_REFUSAL[field.name] ?? new Set<string>();
            for (const [table, n] of Object.entries(after))
              if (n !== counts[table] && !allowed.has(table))
                problems.push(`refused but ${table} went ${counts[table]} -> ${n}`);
          }
          counts = after;
          if (asAdmin && ENDS_SESSION.has(field.name) && outcome.errors.length === 0) {
            t.admin = await t.login("root@test.trouw", "correct horse");
            counts = await tableCounts();
          }
          if (problems.length) {
            failures.push(`${label}: ${problems.join("; ")} with ${show()}`);
            return false;
          }
          return true;
        },
      );
      const before = failures.length;
      await fc
        .assert(property, { seed: seedOf(field.name), numRuns: RUNS, endOnFailure: true })
        .catch((err: unknown) => {
          // A failure we recorded ourselves, or something thrown on the way (also a failure).
          if (failures.length === before)
            failures.push(`${field.name}: ${String(err).slice(-1500)}`);
        });
    }
    expect([...new Set(failures)]).toEqual([]);
    expect(calls).toBeGreaterThanOrEqual(mutations.length * RUNS);
    expect(refused).toBeGreaterThan(0);
  }, 300_000);
});
