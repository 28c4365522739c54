import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSession, SHOTS, type Session } from "./session";

let s: Session;
beforeAll(async () => {
  s = await openSession(20);
});
afterAll(async () => {
  await s?.close();
});

describe("import page in Chromium", () => {
  it("validates a CSV (dry run) with its problems by row and column, then imports the valid rows", async () => {
    const page = s.page;
    await s.signIn();
    await page.goto(`${s.base}/imports`);
    const csv = [
      "external_id,email,name",
      "BR-1,br1@example.com,Browser One",
      "BR-2,not-an-email,Browser Two",
      "BR-3,br3@example.com,Browser Three",
    ].join("\n");
    await page.setInputFiles('[data-test="import-file"]', {
      name: "customers.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(csv),
    });
    await page.click('[data-test="validate"]');
    await page.waitForSelector('[data-test="report-table"]');
    expect(await page.textContent('[data-test="ready-count"]')).toBe("2");
    expect(await page.textContent('[data-test="problem-rows"]')).toBe("1");
    const report = await page.textContent('[data-test="report-table"]');
    expect(report).toContain("email");
    expect(report).toContain("is not a valid email address");
    // Nothing is written by the dry run.
    const before = await s.api<{ customer: unknown }>(`{ customer(externalId: "BR-1") { id } }`);
    expect(before.customer).toBeNull();
    await page.screenshot({ path: join(SHOTS, "import-dry-run.png") });

    await page.click('[data-test="start-import"]');
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await page.waitForFunction(
      () => document.querySelector('[data-test="import-status"]')?.textContent?.includes("Done"),
      null,
      { timeout: 60_000 },
    );
    expect(await page.textContent('[data-test="inserted-count"]')).toBe("2");
    const after = await s.api<{ customer: { name: string } }>(
      `{ customer(externalId: "BR-3") { name } }`,
    );
    expect(after.customer.name).toBe("Browser Three");
    await page.screenshot({ path: join(SHOTS, "import-done.png") });
    expect(s.problems).toEqual([]);
  });
});
