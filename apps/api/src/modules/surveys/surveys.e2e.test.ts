import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STARTER_SURVEY } from "@trouw/domain";
import { startTestServer, type TestServer } from "../../test-support/server";
import {
  definition,
  errorOf,
  SURVEY_FIELDS,
  surveyFixtures,
  taggedRule,
  text,
  type SurveyView,
} from "./survey-fixtures";

let t: TestServer;
let f: ReturnType<typeof surveyFixtures>;

beforeAll(async () => {
  t = await startTestServer();
  f = surveyFixtures(t);
});
afterAll(async () => {
  await t?.stop();
});

const update = (id: string, def: object, expectedVersion?: number) =>
  t.gql<{ updateSurvey: SurveyView }>(
    `mutation($id: ID!, $d: JSONObject!, $v: Int) { updateSurvey(id: $id, definition: $d, expectedVersion: $v) { ${SURVEY_FIELDS} } }`,
    { id, d: def, v: expectedVersion ?? null },
    t.admin,
  );

describe("creating surveys", () => {
  it("creates a draft from a valid definition, with the status filled in", async () => {
    const res = await f.createSurvey(definition({ responseQuota: 50 }));
    expect(res.errors ?? []).toEqual([]);
    expect(res.data!.createSurvey).toMatchObject({
      title: "Quick check",
      status: "DRAFT",
      version: 1,
      responseCount: 0,
      responseQuota: 50,
      allowMultipleResponses: false,
      audienceSegmentId: null,
      defaultLocale: "en",
      locales: ["en", "nl"],
      templateKey: null,
      activatedAt: null,
    });
    expect(res.data!.createSurvey.definition.status).toBe("draft");
  });

  it("reports every problem of a definition by path and code, and stores nothing", async () => {
    const before = await t.count("surveys");
    const bad = definition({
      locales: ["en", "nl"],
      questions: [
        { id: "score", type: "nps", required: true, title: text("Score?") },
        { id: "score", type: "csat", required: true, title: { en: "Dup" } },
        {
          id: "why",
          type: "open_text",
          required: false,
          maxLength: 100,
          title: text("Why?"),
          showIf: { questionId: "later", op: "lte", value: 6 },
        },
        { id: "later", type: "nps", required: false, title: text("Later") },
        {
          id: "low",
          type: "open_text",
          required: false,
          maxLength: 100,
          title: text("Low?"),
          showIf: { questionId: "later", op: "lte", value: 11 },
        },
      ],
    });
    const res = await f.createSurvey(bad);
    const err = errorOf(res);
    expect(err.code).toBe("BAD_USER_INPUT");
    const byPath = Object.fromEntries(err.problems.map((p) => [p.path, p.code]));
    expect(byPath).toMatchObject({
      "definition.questions[1].id": "DUPLICATE_ID",
      "definition.questions[1].title.nl": "MISSING_TRANSLATION",
      "definition.questions[2].showIf.questionId": "FORWARD_REFERENCE",
      "definition.questions[4].showIf.value": "OUT_OF_RANGE",
    });
    expect(await t.count("surveys")).toBe(before);
  });

  it("reports shape problems with code INVALID under definition", async () => {
    const res = await f.createSurvey(
      definition({ questions: [{ id: "q", type: "stars", required: true, title: text("?") }] }),
    );
    const err = errorOf(res);
    expect(err.code).toBe("BAD_USER_INPUT");
    expect(err.problems).toContainEqual(
      expect.objectContaining({ path: "definition.questions[0].type", code: "INVALID" }),
    );
  });

  it("refuses an unknown audience segment and a status other than the current one", async () => {
    const res = await f.createSurvey(
      definition({
        status: "active",
        audience: { kind: "segment", segmentId: "00000000-0000-4000-8000-000000000999" },
      }),
    );
    const err = errorOf(res);
    expect(err.code).toBe("BAD_USER_INPUT");
    expect(err.problems.map((p) => [p.path, p.code])).toEqual(
      expect.arrayContaining([
        ["definition.status", "STATUS_READ_ONLY"],
        ["definition.audience.segmentId", "UNKNOWN_SEGMENT"],
      ]),
    );
  });

  it("accepts a saved segment as audience", async () => {
    const segmentId = await f.segment("Survey audience", taggedRule("panel"));
    const res = await f.createSurvey(definition({ audience: { kind: "segment", segmentId } }));
    expect(res.errors ?? []).toEqual([]);
    expect(res.data!.createSurvey.audienceSegmentId).toBe(segmentId);
  });

  it("creates the starter survey from its template, in English and Dutch", async () => {
    const res = await t.gql<{ createSurveyFromTemplate: SurveyView }>(
      `mutation { createSurveyFromTemplate(template: STARTER) { ${SURVEY_FIELDS} rendered(locale: "nl") { title locale questions { id type title } } } }`,
      {},
      t.admin,
    );
    expect(res.errors ?? []).toEqual([]);
    const s = res.data!.createSurveyFromTemplate as SurveyView & {
      rendered: { title: string; locale: string; questions: { id: string; type: string }[] };
    };
    expect(s).toMatchObject({ status: "DRAFT", templateKey: "STARTER", locales: ["en", "nl"] });
    expect(s.definition.questions).toEqual(STARTER_SURVEY.questions);
    expect(s.rendered.title).toBe("Hoe doen we het?");
    expect(s.rendered.questions.map((q) => q.type)).toEqual([
      "CSAT",
      "OPEN_TEXT",
      "OPEN_TEXT",
      "NPS",
      "OPEN_TEXT",
    ]);
    const templates = await t.gql<{ surveyTemplates: { key: string }[] }>(
      `{ surveyTemplates { key definition } }`,
      {},
      t.admin,
    );
    expect(templates.data!.surveyTemplates.map((x) => x.key)).toEqual(["STARTER"]);
  });
});

describe("editing and the lifecycle", () => {
  it("updates the definition, bumps the version, and refuses a stale version", async () => {
    const id = await f.survey({}, "DRAFT");
    const ok = await update(id, definition({ title: text("Renamed") }), 1);
    expect(ok.errors ?? []).toEqual([]);
    expect(ok.data!.updateSurvey).toMatchObject({ title: "Renamed", version: 2, status: "DRAFT" });
    const stale = await update(id, definition(), 1);
    expect(errorOf(stale)).toMatchObject({ code: "CONFLICT", reason: "STALE_VERSION" });
  });

  it("moves draft → active → closed → active, and refuses the other moves", async () => {
    const id = await f.survey({}, "DRAFT");
    expect(errorOf(await f.setStatus(id, "CLOSED"))).toMatchObject({
      code: "CONFLICT",
      reason: "INVALID_STATUS_CHANGE",
    });
    const active = await f.setStatus(id, "ACTIVE");
    expect(active.data!.setSurveyStatus).toMatchObject({ status: "ACTIVE", closedAt: null });
    expect(active.data!.setSurveyStatus.activatedAt).toBe(t.clock.now().toISOString());
    expect(active.data!.setSurveyStatus.definition.status).toBe("active");
    const closed = await f.setStatus(id, "CLOSED");
    expect(closed.data!.setSurveyStatus).toMatchObject({ status: "CLOSED" });
    expect(closed.data!.setSurveyStatus.closedAt).not.toBeNull();
    expect(errorOf(await f.setStatus(id, "DRAFT")).reason).toBe("INVALID_STATUS_CHANGE");
    expect((await f.setStatus(id, "ACTIVE")).data!.setSurveyStatus).toMatchObject({
      status: "ACTIVE",
      closedAt: null,
    });
  });

  it("goes back to draft, or is deleted, only while nobody has answered", async () => {
    const id = await f.survey();
    expect((await f.setStatus(id, "DRAFT")).data!.setSurveyStatus.status).toBe("DRAFT");
    await f.setStatus(id, "ACTIVE");
    await f.answered(id, await f.customer(), { nps: 9 });
    expect(errorOf(await f.setStatus(id, "DRAFT"))).toMatchObject({
      code: "CONFLICT",
      reason: "SURVEY_HAS_RESPONSES",
    });
    const del = await t.gql(`mutation($id: ID!) { deleteSurvey(id: $id) { id } }`, { id }, t.admin);
    expect(errorOf(del)).toMatchObject({ code: "CONFLICT", reason: "SURVEY_HAS_RESPONSES" });

    const unused = await f.survey({}, "DRAFT");
    const gone = await t.gql(
      `mutation($id: ID!) { deleteSurvey(id: $id) { id } }`,
      { id: unused },
      t.admin,
    );
    expect(gone.errors ?? []).toEqual([]);
    const missing = await t.gql(
      `query($id: ID!) { survey(id: $id) { id } }`,
      { id: unused },
      t.admin,
    );
    expect(errorOf(missing).code).toBe("NOT_FOUND");
  });

  it("keeps answered questions' id, type and options once there are responses, but lets texts change", async () => {
    const id = await f.survey();
    await f.answered(id, await f.customer(), { nps: 3, why: "Slow" });
    const base = definition();
    const questions = base.questions as Record<string, unknown>[];

    const retitled = await update(
      id,
      definition({
        title: text("New title"),
        questions: [
          ...questions,
          { id: "extra", type: "yes_no", required: false, title: text("New?") },
        ],
      }),
    );
    expect(retitled.errors ?? []).toEqual([]);
    expect(retitled.data!.updateSurvey.status).toBe("ACTIVE");

    const changed = await update(
      id,
      definition({
        questions: [
          { ...questions[0], type: "csat" },
          ...questions.slice(2, 4),
          {
            ...questions[4],
            options: [
              { id: "web", label: text("Web shop") },
              { id: "app", label: text("App") },
            ],
          },
        ],
      }),
    );
    const err = errorOf(changed);
    expect(err.code).toBe("BAD_USER_INPUT");
    expect(err.problems.map((p) => [p.path, p.code])).toEqual(
      expect.arrayContaining([
        ["definition.questions[0].type", "ANSWERED_QUESTION"],
        ["definition.questions", "ANSWERED_QUESTION"],
        ["definition.questions[3].options", "ANSWERED_QUESTION"],
      ]),
    );
  });
});

describe("reading surveys", () => {
  it("lists surveys newest first with status and title filters and cursors", async () => {
    t.clock.advance(60_000);
    const a = await f.survey({ title: text("Alpha feedback") }, "DRAFT");
    t.clock.advance(60_000);
    const b = await f.survey({ title: text("Beta feedback") });
    type Page = {
      surveys: {
        totalCount: number;
        edges: { node: { id: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const q = `query($s: String, $st: SurveyStatus, $after: String) {
      surveys(search: $s, status: $st, first: 1, after: $after) {
        totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`;
    const first = await t.gql<Page>(q, { s: "FEEDBACK" }, t.admin);
    expect(first.data!.surveys.totalCount).toBe(2);
    expect(first.data!.surveys.edges.map((e) => e.node.id)).toEqual([b]);
    const second = await t.gql<Page>(
      q,
      { s: "feedback", after: first.data!.surveys.pageInfo.endCursor },
      t.admin,
    );
    expect(second.data!.surveys.edges.map((e) => e.node.id)).toEqual([a]);
    expect(second.data!.surveys.pageInfo.hasNextPage).toBe(false);
    const drafts = await t.gql<Page>(q, { s: "feedback", st: "DRAFT" }, t.admin);
    expect(drafts.data!.surveys.edges.map((e) => e.node.id)).toEqual([a]);
  });

  it("previews a survey in a locale as respondents see it", async () => {
    const id = await f.survey({}, "DRAFT");
    const res = await t.gql<{
      survey: {
        rendered: {
          title: string;
          locale: string;
          questions: {
            id: string;
            title: string;
            scaleMin: number | null;
            scaleMax: number | null;
            options: { id: string; label: string }[];
            showIf: { questionId: string; op: string; value: unknown } | null;
          }[];
        };
      };
    }>(
      `query($id: ID!) { survey(id: $id) { rendered(locale: "nl") { title locale
         questions { id title scaleMin scaleMax options { id label } showIf { questionId op value } } } } }`,
      { id },
      t.admin,
    );
    expect(res.errors ?? []).toEqual([]);
    const r = res.data!.survey.rendered;
    expect(r).toMatchObject({ title: "Quick check (nl)", locale: "nl" });
    expect(r.questions[0]).toMatchObject({ id: "nps", scaleMin: 0, scaleMax: 10, showIf: null });
    expect(r.questions[1]!.showIf).toEqual({ questionId: "nps", op: "lte", value: 6 });
    expect(r.questions[4]!.options).toEqual([
      { id: "web", label: "Web shop (nl)" },
      { id: "store", label: "Store (nl)" },
    ]);
  });
});

describe("permissions", () => {
  it("lets analysts manage surveys, read keys read them, and nobody else write them", async () => {
    const analyst = await t.createUser("analyst");
    expect((await f.createSurvey(definition(), analyst)).errors ?? []).toEqual([]);
    const support = await t.createUser("support");
    expect(errorOf(await f.createSurvey(definition(), support)).code).toBe("FORBIDDEN");
    expect(errorOf(await f.createSurvey(definition(), t.writeKey)).code).toBe("FORBIDDEN");
    expect(errorOf(await f.createSurvey(definition(), null)).code).toBe("UNAUTHENTICATED");
    const reader = await t.createKey(["read"]);
    const list = await t.gql(`{ surveys { totalCount } }`, {}, reader);
    expect(list.errors ?? []).toEqual([]);
  });
});
