import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_CODES } from "../common/errors";
import { signatureHeader } from "../modules/webhooks/signature";
import { loyaltyFixtures, pointsConfig } from "../test-support/loyalty-fixtures";
import { startTestServer, type TestServer } from "../test-support/server";

/**
 * docs/INTEGRATORS.md must keep working: every `sh` block is run with bash (curl) against a
 * started server, in the order of the guide; every Node example under docs/examples is the
 * same text as in the guide and runs against the same server.
 */
const run = promisify(execFile);
const DOCS = resolve(__dirname, "..", "..", "..", "..", "docs");
const GUIDE = readFileSync(join(DOCS, "INTEGRATORS.md"), "utf8");

interface Block {
  lang: string;
  code: string;
  /** `<!-- example: examples/x.mjs -->` before a js block: the file it shows. */
  file?: string;
  /** `<!-- expect-error: CODE -->` before a sh block: the error code it demonstrates. */
  expectError?: string;
}

function blocksOf(markdown: string): Block[] {
  const blocks: Block[] = [];
  const re = /(?:<!-- (example|expect-error): ([^ ]+) -->\s*)?```(\w+)\n([\s\S]*?)```/g;
  for (const m of markdown.matchAll(re)) {
    blocks.push({
      lang: m[3]!,
      code: m[4]!,
      ...(m[1] === "example" ? { file: m[2] } : {}),
      ...(m[1] === "expect-error" ? { expectError: m[2] } : {}),
    });
  }
  return blocks;
}

/** Node examples that define functions for others to use rather than do something. */
const LIBRARIES = new Set(["examples/trouw-client.mjs", "examples/verify-webhook.mjs"]);

let t: TestServer;
let env: Record<string, string>;
let cwd: string;

beforeAll(async () => {
  t = await startTestServer();
  // Real time: curl drops a session cookie that expired by its own clock.
  t.clock.set(new Date());
  t.admin = await t.login("root@test.trouw", "correct horse");
  await t.app.services.users.createUser({
    email: "admin@trouw.local",
    name: "Guide admin",
    role: "admin",
    password: "trouw-admin",
  });
  const key = await t.createKey(["read", "write"]);
  const f = loyaltyFixtures(t);
  const programId = await f.program("Guide points", pointsConfig());
  const rewardId = await f.reward(programId, { cost: 50 });
  for (const n of [1002, 1003, 1004]) {
    const res = await t.gql(
      `mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { id } }`,
      { i: { externalId: `CUST-${n}`, name: `Customer ${n}`, tags: ["guide"] } },
      t.writeKey,
    );
    expect(res.errors ?? []).toEqual([]);
  }
  const survey = await t.gql<{ createSurveyFromTemplate: { id: string } }>(
    `mutation { createSurveyFromTemplate(template: STARTER) { id } }`,
    {},
    t.admin,
  );
  const surveyId = survey.data!.createSurveyFromTemplate.id;
  const activated = await t.gql(
    `mutation($id: ID!) { setSurveyStatus(id: $id, status: ACTIVE) { status } }`,
    { id: surveyId },
    t.admin,
  );
  expect(activated.errors ?? []).toEqual([]);
  const segment = await t.gql<{ createSegment: { id: string } }>(
    `mutation($i: SegmentInput!) { createSegment(input: $i) { id } }`,
    {
      i: {
        name: "Guide readers",
        rule: {
          version: 1,
          root: { type: "condition", kind: "tags", args: { op: "contains_any", tags: ["guide"] } },
        },
      },
    },
    t.admin,
  );
  expect(segment.errors ?? []).toEqual([]);
  await t.app.services.jobs.runReady();
  env = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: process.env.HOME ?? "/tmp",
    TROUW_URL: t.url,
    TROUW_KEY: (key as { apiKey: string }).apiKey,
    REWARD_ID: rewardId,
    SURVEY_ID: surveyId,
    SEGMENT_ID: segment.data!.createSegment.id,
  };
  cwd = mkdtempSync(join(tmpdir(), "trouw-guide-"));
}, 120_000);

afterAll(async () => {
  await t?.stop();
});

type Answer = {
  data?: Record<string, unknown> | null;
  errors?: { extensions?: { code?: string } }[];
};

async function node(file: string): Promise<unknown> {
  const { stdout } = await run(process.execPath, [join(DOCS, file)], { env, cwd });
  return JSON.parse(stdout) as unknown;
}

describe("docs/INTEGRATORS.md", () => {
  const blocks = blocksOf(GUIDE);

  it("shows every file of docs/examples exactly as it is", () => {
    const files = readdirSync(join(DOCS, "examples")).map((f) => `examples/${f}`);
    const shown = blocks.filter((b) => b.file);
    expect(shown.map((b) => b.file).sort()).toEqual(files.sort());
    for (const b of shown)
      expect(b.code.trim(), b.file).toBe(readFileSync(join(DOCS, b.file!), "utf8").trim());
  });

  it("lists every error code the API can return", () => {
    const table = GUIDE.slice(GUIDE.indexOf("## Errors"));
    for (const code of ERROR_CODES) expect(table).toContain(`| \`${code}\``);
  });

  it("runs every curl command and Node example in the order of the guide", async () => {
    const sh = blocks.filter((b) => b.lang === "sh");
    expect(sh.length).toBeGreaterThanOrEqual(10);
    let orderId: string | undefined;
    for (const block of blocks) {
      if (block.lang === "sh") {
        const { stdout } = await run("bash", ["-euo", "pipefail", "-c", block.code], { env, cwd });
        const answer = JSON.parse(stdout) as Answer;
        const context = `${block.code.slice(0, 160)}\n=> ${stdout.slice(0, 600)}`;
        if (block.expectError) {
          expect(answer.errors?.[0]?.extensions?.code, context).toBe(block.expectError);
        } else {
          expect(answer.errors, context).toBeUndefined();
          expect(answer.data, context).toBeTruthy();
        }
      } else if (block.lang === "js" && block.file && !LIBRARIES.has(block.file)) {
        const out = await node(block.file);
        expect(out, block.file).toBeTruthy();
        if (block.file === "examples/record-order.mjs") {
          orderId = (out as { id: string }).id;
          // Run again: the idempotency key returns the first result.
          expect(await node(block.file)).toEqual(out);
        }
        if (block.file === "examples/record-batch.mjs")
          expect(out).toMatchObject({ acceptedCount: 2, rejectedCount: 1 });
        if (block.file === "examples/loyalty-status.mjs")
          expect((out as { balance: number }[])[0]?.balance).toBeGreaterThan(0);
        if (block.file === "examples/redeem-reward.mjs")
          expect(out).toMatchObject({ cost: 50, code: expect.any(String) });
        if (block.file === "examples/submit-survey.mjs")
          expect(out).toMatchObject({ npsScore: 9, npsCategory: "PROMOTER" });
        if (block.file === "examples/segment-members.mjs")
          expect((out as string[]).sort()).toEqual(["CUST-1002", "CUST-1003", "CUST-1004"]);
      }
    }
    expect(orderId).toEqual(expect.any(String));
  }, 120_000);

  it("verifies a real Trouw signature with the Node example, and refuses a forged one", async () => {
    const { verifyTrouwSignature } = (await import(
      pathToFileURL(join(DOCS, "examples", "verify-webhook.mjs")).href
    )) as {
      verifyTrouwSignature: (secret: string, header: string, body: string) => boolean;
    };
    const body = JSON.stringify({ id: "e1", topic: "customer.created", data: { customerId: "c" } });
    // After a rotation both secrets sign: either one verifies.
    const header = signatureHeader(["whsec_new", "whsec_old"], new Date(), body);
    expect(verifyTrouwSignature("whsec_new", header, body)).toBe(true);
    expect(verifyTrouwSignature("whsec_old", header, body)).toBe(true);
    expect(verifyTrouwSignature("whsec_other", header, body)).toBe(false);
    expect(verifyTrouwSignature("whsec_new", header, `${body} `)).toBe(false);
    const stale = signatureHeader(["whsec_new"], new Date(Date.now() - 3_600_000), body);
    expect(verifyTrouwSignature("whsec_new", stale, body)).toBe(false);
  });
});
