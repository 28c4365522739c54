import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { freshPostgres, gql, loginCookie, ROOT, startApi } from "@trouw/test-support/api-process";
import { launchChromium } from "./browser";

export const ADMIN = { FIRST_ADMIN_EMAIL: "admin@shop.test", FIRST_ADMIN_PASSWORD: "browser-pass" };
export const SHOTS = join(ROOT, "tests", "browser", "screenshots");

export interface Session {
  base: string;
  page: Page;
  problems: string[];
  /** GraphQL as the signed-in admin, for ground truth next to what the page shows. */
  api<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T>;
  signIn(): Promise<void>;
  close(): Promise<void>;
}

/** The start command's shape: the built API serving the built admin, with demo data, and Chromium. */
export async function openSession(demoCustomers = 200): Promise<Session> {
  const db = await freshPostgres();
  mkdirSync(SHOTS, { recursive: true });
  const server = await startApi({
    args: ["--demo"],
    env: {
      ...ADMIN,
      DEMO_CUSTOMERS: String(demoCustomers),
      DATA_DIR: mkdtempSync(join(tmpdir(), "trouw-browser-")),
      ...(db ? { DATABASE_URL: db.url } : {}),
    },
  });
  const browser: BrowserContext = await launchChromium();
  const page = browser.pages()[0] ?? (await browser.newPage());
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  const cookie = await loginCookie(
    server.base,
    ADMIN.FIRST_ADMIN_EMAIL,
    ADMIN.FIRST_ADMIN_PASSWORD,
  );
  return {
    base: server.base,
    page,
    problems,
    async api<T>(query: string, variables: Record<string, unknown> = {}) {
      const res = await gql(server.base, query, variables, { cookie });
      if (res.body.errors) throw new Error(JSON.stringify(res.body.errors));
      return res.body.data as T;
    },
    async signIn() {
      await page.goto(`${server.base}/login`);
      await page.fill("#login-email", ADMIN.FIRST_ADMIN_EMAIL);
      await page.fill("#login-password", ADMIN.FIRST_ADMIN_PASSWORD);
      await page.keyboard.press("Enter");
      await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    },
    async close() {
      await browser.close();
      await server.stop();
      await db?.drop();
    },
  };
}
