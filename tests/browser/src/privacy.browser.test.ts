import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { openSession, SHOTS, type Session } from "./session";

/** Waits until no finite animation (a drawer sliding, a dialog opening) is running. */
const settled = (page: Page) =>
  page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== "running" || a.effect?.getTiming().iterations === Infinity),
  );

let s: Session;
beforeAll(async () => {
  s = await openSession(20);
});
afterAll(async () => {
  await s?.close();
});

describe("privacy and the audit log in Chromium", () => {
  it("exports a customer's data, erases them after typing their email, and shows it in the audit log", async () => {
    const page = s.page;
    const { createCustomer } = await s.api<{ createCustomer: { id: string } }>(
      `mutation { createCustomer(input: { externalId: "browser-erase-1", email: "erase.me@example.nl", name: "Erik Erase", marketingConsent: true }) { id } }`,
    );
    await s.signIn();
    await page.goto(`${s.base}/customers/${createCustomer.id}`);
    const privacy = page.locator('[data-test="customer-privacy"]');
    await expect
      .poll(() => privacy.locator('[data-purpose="MARKETING_EMAIL"]').textContent())
      .toContain("Given");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      privacy.locator('[data-test="export-data"]').click(),
    ]);
    const exported = JSON.parse(await readFile((await download.path())!, "utf8")) as {
      profile: { email: string };
    };
    expect(exported.profile.email).toBe("erase.me@example.nl");

    await privacy.locator('[data-test="erase-customer"]').click();
    const dialog = page.locator('[data-test="erase-confirm"]');
    await dialog.waitFor();
    const submit = dialog.locator('[data-test="erase-submit"]');
    await dialog.locator('[data-test="erase-reason"] input').fill("Browser request 7");
    await dialog.locator('[data-test="erase-typed"] input').fill("ERASE");
    expect(await submit.isDisabled()).toBe(true);
    await dialog.locator('[data-test="erase-typed"] input').fill("erase.me@example.nl");
    await settled(page);
    await page.screenshot({ path: join(SHOTS, "customer-erase-confirm.png") });
    expect(await submit.isDisabled()).toBe(false);
    await dialog.locator('[data-test="erase-typed"] input').press("Enter");
    await privacy.locator('[data-test="erased-notice"]').waitFor();
    const after = await s.api<{ customer: { email: string | null; erasedAt: string | null } }>(
      `query($id: ID) { customer(id: $id) { email erasedAt } }`,
      { id: createCustomer.id },
    );
    expect(after.customer.email).toBeNull();
    expect(after.customer.erasedAt).not.toBeNull();

    await page.locator('nav a[href="/audit"]').click();
    await page.waitForURL((url) => url.pathname === "/audit");
    const first = page.locator('[data-test="audit-row"]').first();
    await expect.poll(() => first.getAttribute("data-action")).toBe("erased");
    await page.locator('[data-test="filter-entity-type"] .n-base-selection').click();
    const menu = page.locator(".n-base-select-menu");
    await menu.waitFor();
    await menu.getByText("Customer", { exact: true }).click();
    await expect
      .poll(async () =>
        page
          .locator('[data-test="audit-row"]')
          .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-action"))),
      )
      .toEqual(["erased", "data_exported"]);
    await first.locator('[data-test="audit-show"]').click();
    const drawer = page.locator('[data-test="audit-drawer"]');
    await drawer.waitFor();
    await expect
      .poll(() => drawer.locator('[data-field="reason"]').textContent())
      .toContain("Browser request 7");
    expect(await drawer.textContent()).not.toContain("erase.me@example.nl");
    await settled(page);
    await page.screenshot({ path: join(SHOTS, "audit-log.png") });
    expect(s.problems).toEqual([]);
  });
});
