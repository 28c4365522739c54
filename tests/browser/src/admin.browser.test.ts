import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, openSession, SHOTS, type Session } from "./session";

let s: Session;
beforeAll(async () => {
  s = await openSession(200);
});
afterAll(async () => {
  await s?.close();
});

describe("admin app in Chromium", () => {
  it("signs in, searches a customer, opens it and sees its timeline and contact guidance", async () => {
    // A demo customer with a personality colour and events, looked up through the API.
    type Node = { id: string; name: string; email: string; timeline: { totalCount: number } };
    const found = await s.api<{ customers: { edges: { node: Node }[] } }>(
      `{ customers(first: 50, filter: { personalityColours: [GREEN] }) { edges { node { id name email timeline(first: 1) { totalCount } } } } }`,
    );
    const target = found.customers.edges
      .map((e) => e.node)
      .find((c) => c.name && c.timeline.totalCount >= 3)!;
    expect(target).toBeDefined();

    await s.page.goto(`${s.base}/customers`);
    await s.page.waitForURL(/\/login/);
    await s.page.fill("#login-email", ADMIN.FIRST_ADMIN_EMAIL);
    await s.page.fill("#login-password", "not the password");
    await s.page.keyboard.press("Enter");
    await expect
      .poll(() => s.page.locator('[data-test="login-error"]').isVisible(), { timeout: 15_000 })
      .toBe(true);

    await s.page.fill("#login-password", ADMIN.FIRST_ADMIN_PASSWORD);
    await s.page.keyboard.press("Enter");
    await s.page.waitForURL(/\/customers/);
    await s.page.waitForSelector('[data-test="customer-row"]');
    expect(await s.page.locator('[data-test="total-count"]').textContent()).toContain("200");

    await s.page.locator('[data-test="search"] input').fill(target.email);
    await expect
      .poll(() => s.page.locator('[data-test="customer-row"]').count(), { timeout: 15_000 })
      .toBe(1);
    await s.page.screenshot({ path: join(SHOTS, "customers-search.png") });
    await s.page.locator('[data-test="customer-row"]').first().click();

    await s.page.waitForURL(new RegExp(`/customers/${target.id}`));
    await expect
      .poll(() => s.page.locator('[data-test="customer-name"]').textContent(), { timeout: 15_000 })
      .toContain(target.name);
    await s.page.waitForSelector('[data-test="timeline-item"]');
    expect(await s.page.locator('[data-test="timeline-item"]').count()).toBe(
      Math.min(target.timeline.totalCount, 20),
    );
    expect(await s.page.locator('[data-test="guidance-list"]').textContent()).toContain(
      "any further questions?",
    );
    await s.page.screenshot({ path: join(SHOTS, "customer-page.png"), fullPage: true });
    expect(s.problems).toEqual([]);
  });
});
