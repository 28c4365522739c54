import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { freshPostgres, gql, loginCookie, ROOT, startApi } from "@trouw/test-support/api-process";
import { launchChromium } from "./browser";

const ADMIN = { FIRST_ADMIN_EMAIL: "admin@shop.test", FIRST_ADMIN_PASSWORD: "browser-pass" };
const SHOTS = join(ROOT, "tests", "browser", "screenshots");

type Api = Awaited<ReturnType<typeof startApi>>;
let api: Api;
let db: Awaited<ReturnType<typeof freshPostgres>>;
let browser: BrowserContext;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  db = await freshPostgres();
  mkdirSync(SHOTS, { recursive: true });
  // The start command's shape: built API serving the built admin, with demo data.
  api = await startApi({
    args: ["--demo"],
    env: {
      ...ADMIN,
      DEMO_CUSTOMERS: "200",
      DATA_DIR: mkdtempSync(join(tmpdir(), "trouw-browser-")),
      ...(db ? { DATABASE_URL: db.url } : {}),
    },
  });
  browser = await launchChromium();
  page = browser.pages()[0] ?? (await browser.newPage());
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
});
afterAll(async () => {
  await browser?.close();
  await api?.stop();
  await db?.drop();
});

describe("admin app in Chromium", () => {
  it("signs in, searches a customer, opens it and sees its timeline and contact guidance", async () => {
    // A demo customer with a personality colour and events, looked up through the API.
    const cookie = await loginCookie(api.base, ADMIN.FIRST_ADMIN_EMAIL, ADMIN.FIRST_ADMIN_PASSWORD);
    const found = await gql(
      api.base,
      `{ customers(first: 50, filter: { personalityColours: [GREEN] }) { edges { node { id name email timeline(first: 1) { totalCount } } } } }`,
      {},
      { cookie },
    );
    type Node = { id: string; name: string; email: string; timeline: { totalCount: number } };
    const target = (found.body.data.customers.edges as { node: Node }[])
      .map((e) => e.node)
      .find((c) => c.name && c.timeline.totalCount >= 3)!;
    expect(target).toBeDefined();

    await page.goto(`${api.base}/customers`);
    await page.waitForURL(/\/login/);
    await page.fill("#login-email", ADMIN.FIRST_ADMIN_EMAIL);
    await page.fill("#login-password", "not the password");
    await page.keyboard.press("Enter");
    await expect
      .poll(() => page.locator('[data-test="login-error"]').isVisible(), { timeout: 15_000 })
      .toBe(true);

    await page.fill("#login-password", ADMIN.FIRST_ADMIN_PASSWORD);
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/customers/);
    await page.waitForSelector('[data-test="customer-row"]');
    expect(await page.locator('[data-test="total-count"]').textContent()).toContain("200");

    await page.locator('[data-test="search"] input').fill(target.email);
    await expect
      .poll(() => page.locator('[data-test="customer-row"]').count(), { timeout: 15_000 })
      .toBe(1);
    await page.screenshot({ path: join(SHOTS, "customers-search.png") });
    await page.locator('[data-test="customer-row"]').first().click();

    await page.waitForURL(new RegExp(`/customers/${target.id}`));
    await expect
      .poll(() => page.locator('[data-test="customer-name"]').textContent(), { timeout: 15_000 })
      .toContain(target.name);
    await page.waitForSelector('[data-test="timeline-item"]');
    expect(await page.locator('[data-test="timeline-item"]').count()).toBe(
      Math.min(target.timeline.totalCount, 20),
    );
    expect(await page.locator('[data-test="guidance-list"]').textContent()).toContain(
      "any further questions?",
    );
    await page.screenshot({ path: join(SHOTS, "customer-page.png"), fullPage: true });
    expect(problems).toEqual([]);
  });
});
