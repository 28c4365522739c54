import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIFECYCLE_TYPES } from "@trouw/domain";
import { loadDemoDataIfEmpty } from "../../demo/load";
import { startTestServer, TEST_NOW, type TestServer } from "../../test-support/server";

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  await loadDemoDataIfEmpty(t.db, 600, pino({ level: "silent" }), TEST_NOW);
});
afterAll(async () => {
  await t?.stop();
});

type Template = {
  key: string;
  name: string;
  group: string;
  treatment: string;
  parameters: { key: string; default: number }[];
  rule: object;
};

describe("segment templates", () => {
  it("lists the 16 lifecycle types, the 3 sentiment groups and RFM cells, each with a treatment", async () => {
    const res = await t.gql<{ segmentTemplates: Template[] }>(
      `{ segmentTemplates { key name group treatment parameters { key default } rule } }`,
      {},
      t.admin,
    );
    expect(res.errors).toBeUndefined();
    const all = res.data!.segmentTemplates;
    expect(
      all
        .filter((x) => x.group === "lifecycle")
        .map((x) => x.key)
        .sort(),
    ).toEqual(LIFECYCLE_TYPES.map((l) => l.key).sort());
    expect(all.filter((x) => x.group === "sentiment")).toHaveLength(3);
    expect(all.filter((x) => x.group === "rfm").length).toBeGreaterThanOrEqual(10);
    for (const x of all) expect(x.treatment.length).toBeGreaterThan(5);
  });

  it("instantiates a template with tuned parameters, and refuses bad ones by path", async () => {
    const res = await t.gql<{ segmentTemplates: Template[] }>(
      `{ segmentTemplates { key parameters { key default } rule } }`,
      {},
      t.admin,
    );
    const lapsed = res.data!.segmentTemplates.find((x) => x.key === "lapsed")!;
    const param = lapsed.parameters[0]!;
    const tuned = await t.gql<{ instantiateSegmentTemplate: object }>(
      `query($v: JSONObject) { instantiateSegmentTemplate(key: "lapsed", values: $v) }`,
      { v: { [param.key]: param.default + 30 } },
      t.admin,
    );
    expect(tuned.errors).toBeUndefined();
    expect(JSON.stringify(tuned.data!.instantiateSegmentTemplate)).not.toEqual(
      JSON.stringify(lapsed.rule),
    );
    const bad = await t.gql(
      `query($v: JSONObject) { instantiateSegmentTemplate(key: "lapsed", values: $v) }`,
      { v: { [param.key]: -5, nonsense: 1 } },
      t.admin,
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(bad.errors?.[0]?.extensions?.problems?.map((p) => p.path).sort()).toEqual(
      [`parameters.${param.key}`, "parameters.nonsense"].sort(),
    );
    const unknown = await t.gql(`{ instantiateSegmentTemplate(key: "nope") }`, {}, t.admin);
    expect(unknown.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  it("gives every lifecycle template members on the demo data when saved and refreshed", async () => {
    const res = await t.gql<{ segmentTemplates: Template[] }>(
      `{ segmentTemplates { key name group rule } }`,
      {},
      t.admin,
    );
    const lifecycle = res.data!.segmentTemplates.filter((x) => x.group === "lifecycle");
    const created: { id: string; key: string }[] = [];
    for (const tpl of lifecycle) {
      const c = await t.gql<{ createSegment: { id: string } }>(
        `mutation($i: SegmentInput!) { createSegment(input: $i) { id } }`,
        { i: { name: tpl.name, rule: tpl.rule, templateKey: tpl.key } },
        t.admin,
      );
      expect(c.errors).toBeUndefined();
      created.push({ id: c.data!.createSegment.id, key: tpl.key });
    }
    await t.app.services.jobs.runReady();
    const sizes: Record<string, number> = {};
    for (const s of created) {
      const r = await t.gql<{ segment: { memberCount: number } }>(
        `query($id: ID!) { segment(id: $id) { memberCount } }`,
        { id: s.id },
        t.admin,
      );
      sizes[s.key] = r.data!.segment.memberCount;
    }
    for (const [key, size] of Object.entries(sizes)) expect(size, key).toBeGreaterThan(0);
  });
});
