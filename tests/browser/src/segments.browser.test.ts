import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSession, SHOTS, type Session } from "./session";

let s: Session;
beforeAll(async () => {
  s = await openSession(300);
});
afterAll(async () => {
  await s?.close();
});

const NOW_RULE = (root: object) => ({ version: 1, root });
const ORDERS_90 = {
  type: "condition",
  kind: "event_aggregate",
  args: {
    filter: { types: ["order"] },
    window: { kind: "last_days", days: 90 },
    aggregate: "count",
    compare: { op: "gte", value: 1 },
  },
};
const CONSENT = { type: "condition", kind: "marketing_consent", args: { value: true } };

async function expectedCount(rule: object): Promise<number> {
  const data = await s.api<{ previewSegment: { count: number } }>(
    `query($r: JSONObject!) { previewSegment(rule: $r) { count } }`,
    { r: rule },
  );
  return data.previewSegment.count;
}

async function countShown(): Promise<number | null> {
  const text = (await s.page.locator('[data-test="preview-count"]').textContent()) ?? "";
  const m = /([\d,]+)/.exec(text);
  return m ? Number(m[1]!.replace(/,/g, "")) : null;
}

async function addCondition(groupLocator: ReturnType<Session["page"]["locator"]>, label: string) {
  await groupLocator.locator('[data-test="add-condition"]').first().click();
  await s.page.locator(".n-dropdown-option", { hasText: label }).first().click();
}

describe("segment builder in Chromium", () => {
  it("builds a two-group rule and watches the live count follow it", async () => {
    const onlyOrders = await expectedCount(NOW_RULE({ type: "and", children: [ORDERS_90] }));
    const ordersAndConsent = await expectedCount(
      NOW_RULE({ type: "and", children: [ORDERS_90, { type: "or", children: [CONSENT] }] }),
    );
    expect(onlyOrders).toBeGreaterThan(ordersAndConsent);

    await s.signIn();
    await s.page.goto(`${s.base}/segments/new`);
    const root = s.page.locator('[data-test="group"]').first();
    await root.waitFor();

    await addCondition(root, "Behaviour (events)");
    await expect.poll(countShown, { timeout: 15_000 }).toBe(onlyOrders);

    await root.locator('[data-test="add-group"]').last().click();
    const nested = root.locator('[data-test="group"]').first();
    await nested.waitFor();
    await addCondition(nested, "Marketing consent");
    await expect.poll(countShown, { timeout: 15_000 }).toBe(ordersAndConsent);
    await s.page.screenshot({ path: join(SHOTS, "segment-builder.png"), fullPage: true });
    expect(s.problems).toEqual([]);
  });
});
