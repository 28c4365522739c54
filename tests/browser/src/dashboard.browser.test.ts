import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { openSession, SHOTS, type Session } from "./session";

let s: Session;
beforeAll(async () => {
  s = await openSession(200);
});
afterAll(async () => {
  await s?.close();
});

const text = (value: string) => ({ en: value, nl: value });
const ORDERS_90 = {
  version: 1,
  root: {
    type: "condition",
    kind: "event_aggregate",
    args: {
      filter: { types: ["order"] },
      window: { kind: "last_days", days: 90 },
      aggregate: "count",
      compare: { op: "gte", value: 1 },
    },
  },
};

/** Waits until no finite animation (a dropdown opening) is running. */
const settled = (page: Page) =>
  page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== "running" || a.effect?.getTiming().iterations === Infinity),
  );

/** The admin's layout scrolls inside itself: a tall window shows the whole dashboard. */
async function tallShot(page: Page, name: string) {
  await page.setViewportSize({ width: 1440, height: 1900 });
  await settled(page);
  await page.waitForTimeout(300); // ECharts redraws on resize (autoresize is throttled)
  await page.screenshot({ path: join(SHOTS, name), fullPage: true });
  await page.setViewportSize({ width: 1440, height: 900 });
}

interface Figures {
  dashboard: {
    retention: {
      periods: {
        complete: boolean;
        retentionRate: number | null;
        churnRate: number | null;
        atStart: number;
        acquired: number;
        atEnd: number;
      }[];
    };
    nps: { periods: { periodStart: string; nps: { score: number | null; total: number } }[] };
  };
}

/** What the page should show, read over GraphQL with the variables the page sends. */
async function expectedFigures(segmentId: string | null) {
  const now = new Date();
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1)).toISOString();
  const data = await s.api<Figures>(
    `query($from: DateTime, $seg: ID) {
       dashboard(from: $from, period: MONTH, segmentId: $seg) {
         retention { periods { complete retentionRate churnRate atStart acquired atEnd } }
         nps { periods { periodStart nps { score total } } }
       } }`,
    { from, seg: segmentId },
  );
  const periods = data.dashboard.retention.periods;
  const reported = [...periods].reverse().find((p) => p.complete) ?? periods.at(-1)!;
  const npsPeriod = [...data.dashboard.nps.periods].reverse().find((p) => p.nps.total > 0)!;
  const percent = (v: number | null) =>
    v === null
      ? "—"
      : new Intl.NumberFormat("en-GB", { style: "percent", maximumFractionDigits: 1 }).format(
          v / 100,
        );
  const number = (v: number) => new Intl.NumberFormat("en-GB").format(v);
  return {
    retention: percent(reported.retentionRate),
    churn: percent(reported.churnRate),
    atStart: number(reported.atStart),
    atEnd: number(reported.atEnd),
    nps: new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 }).format(npsPeriod.nps.score!),
  };
}

async function shownFigures(page: Page) {
  const read = async (test: string) =>
    ((await page.locator(`[data-test="${test}"]`).textContent()) ?? "").replace(/\s+/g, " ").trim();
  return {
    retention: await read("retention-value"),
    churn: await read("churn-value"),
    atStart: await read("retention-at-start"),
    atEnd: await read("retention-at-end"),
    nps: await read("nps-value"),
  };
}

describe("dashboard in Chromium", () => {
  it("shows the API's figures, follows the segment selector and keeps the selection in the URL", async () => {
    // A saved segment of the customers who ordered in the last 90 days, refreshed.
    const name = `Recent buyers ${Date.now()}`;
    const created = await s.api<{ createSegment: { id: string } }>(
      `mutation($i: SegmentInput!) { createSegment(input: $i) { id } }`,
      { i: { name, rule: ORDERS_90 } },
    );
    const segmentId = created.createSegment.id;
    type Members = {
      segment: { refreshedAt: string | null; members: { edges: { node: { id: string } }[] } };
    };
    const membersOf = () =>
      s.api<Members>(
        `query($id: ID!) { segment(id: $id) { refreshedAt members(first: 200) { edges { node { id } } } } }`,
        { id: segmentId },
      );
    await expect
      .poll(async () => (await membersOf()).segment.refreshedAt, { timeout: 30_000 })
      .not.toBeNull();
    const members = new Set((await membersOf()).segment.members.edges.map((e) => e.node.id));
    const everyone = await s.api<{ customers: { edges: { node: { id: string } }[] } }>(
      `{ customers(first: 200) { edges { node { id } } } }`,
    );
    const others = everyone.customers.edges.map((e) => e.node.id).filter((id) => !members.has(id));
    expect(members.size).toBeGreaterThanOrEqual(10);
    expect(others.length).toBeGreaterThanOrEqual(10);

    // NPS answers this month: members promote, other customers detract, so the segment's NPS
    // differs from everyone's by construction.
    const survey = await s.api<{ createSurvey: { id: string } }>(
      `mutation($d: JSONObject!) { createSurvey(definition: $d) { id } }`,
      {
        d: {
          title: text("Dashboard check"),
          audience: { kind: "everyone" },
          allowMultipleResponses: false,
          defaultLocale: "en",
          locales: ["en", "nl"],
          questions: [{ id: "nps", type: "nps", required: true, title: text("Recommend us?") }],
        },
      },
    );
    const surveyId = survey.createSurvey.id;
    await s.api(`mutation($id: ID!) { setSurveyStatus(id: $id, status: ACTIVE) { id } }`, {
      id: surveyId,
    });
    const answer = (customerId: string, nps: number) =>
      s.api(`mutation($i: SubmitSurveyResponseInput!) { submitSurveyResponse(input: $i) { id } }`, {
        i: { surveyId, customerId, answers: { nps } },
      });
    for (const id of [...members].slice(0, 12)) await answer(id, 10);
    for (const id of others.slice(0, 18)) await answer(id, 3);

    const all = await expectedFigures(null);
    const segment = await expectedFigures(segmentId);
    expect(segment.nps).not.toBe(all.nps);

    const page = s.page;
    await s.signIn();
    await page.goto(`${s.base}/dashboard`);
    await page.locator('[data-test="retention-value"]').waitFor({ timeout: 30_000 });
    await expect.poll(() => shownFigures(page), { timeout: 15_000 }).toEqual(all);
    await page.locator('[data-test="segments-chart"] canvas').first().waitFor();
    await tallShot(page, "dashboard.png");

    // The searchable segment selector: type part of the name, pick it.
    await page.locator('[data-test="dashboard-segment"]').click();
    await page.keyboard.type(name.slice(0, 10));
    await page.locator(".n-base-select-option", { hasText: name }).click();
    await page.waitForURL((url) => url.searchParams.get("segment") === segmentId);
    await expect.poll(() => shownFigures(page), { timeout: 15_000 }).toEqual(segment);
    expect(await page.locator('[data-test="dashboard-scope"]').textContent()).toContain(name);

    // Quarters, then a reload: the selection survives, from the URL alone.
    await page
      .locator('[data-test="dashboard-granularity"] label', { hasText: "Quarters" })
      .click();
    await page.waitForURL((url) => url.searchParams.get("period") === "quarter");
    await page.reload();
    await page.locator('[data-test="retention-value"]').waitFor({ timeout: 30_000 });
    const url = new URL(page.url());
    expect(url.pathname).toBe("/dashboard");
    expect(url.searchParams.get("segment")).toBe(segmentId);
    expect(url.searchParams.get("period")).toBe("quarter");
    expect(await page.locator('[data-test="dashboard-segment"]').textContent()).toContain(name);
    expect(await page.locator('[data-test="kpi-retention"]').textContent()).toMatch(/Q[1-4] \d{4}/);
    await tallShot(page, "dashboard-segment-quarters.png");

    // Back to the default view for the final picture.
    await page.goto(`${s.base}/dashboard`);
    await expect.poll(() => shownFigures(page), { timeout: 15_000 }).toEqual(all);
    await tallShot(page, "dashboard.png");

    // A bar of the largest segments opens its segment.
    const bars = page.locator('[data-test="segments-chart"]');
    await bars.scrollIntoViewIfNeeded();
    const box = (await bars.boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.6, box.y + box.height / 2);
    await page.waitForURL((url) => url.pathname === `/segments/${segmentId}`);
    expect(s.problems).toEqual([]);
  });
});
