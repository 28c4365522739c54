import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { launchChromium } from "./browser";
import { openSession, SHOTS, type Session } from "./session";

let s: Session;
let customerContext: BrowserContext | undefined;
beforeAll(async () => {
  s = await openSession(200);
});
afterAll(async () => {
  await customerContext?.close();
  await s?.close();
});

/** Waits until no finite animation (a dialog opening, a tab sliding) is running. */
const settled = (page: Page) =>
  page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== "running" || a.effect?.getTiming().iterations === Infinity),
  );

/** A screenshot of the whole page, which scrolls inside the admin's layout: a tall window. */
async function tallShot(page: Page, name: string, height: number) {
  await page.setViewportSize({ width: 1440, height });
  await settled(page);
  await page.screenshot({ path: join(SHOTS, name), fullPage: true });
  await page.setViewportSize({ width: 1440, height: 900 });
}

type Scores = { surveyScores: { nps: { score: number | null; total: number } }[] };

async function npsOf(surveyId: string) {
  const data = await s.api<Scores>(
    `query($id: ID!) { surveyScores(surveyId: $id) { nps { score total } } }`,
    { id: surveyId },
  );
  return data.surveyScores[0]!.nps;
}

describe("surveys in Chromium", () => {
  it("builds and activates an NPS survey, invites a demo customer, who answers 10 on the hosted page, and the NPS follows", async () => {
    const page = s.page;
    const title = `After your order ${Date.now()}`;
    await s.signIn();

    // A blank survey: one NPS question, worded in English and Dutch already.
    await page.goto(`${s.base}/surveys`);
    await page.locator('[data-test="new-survey"]').click();
    await page.locator('[data-test="start-blank"]').click();
    await page.locator('[data-test="survey-title-en"] input').fill(title);
    await page
      .locator('[data-test="survey-title-nl"] input')
      .fill(`Na uw bestelling ${Date.now()}`);
    await expect
      .poll(() => page.locator('[data-test="problem-count"]').textContent())
      .toBe("Nothing to fix");
    await page.locator('[data-test="save-survey"]').click();
    await page.waitForURL(/\/surveys\/[0-9a-f-]{36}$/, { timeout: 15_000 });
    const surveyId = new URL(page.url()).pathname.split("/").pop()!;
    await page.locator('[data-test="preview"] label:has([data-test="answer-nps-9"])').click();
    await tallShot(page, "survey-builder.png", 1500);

    // Activating asks first.
    await page.locator('[data-test="status-activate"]').click();
    await page.locator('[data-test="status-dialog"] button', { hasText: "Activate" }).click();
    await expect
      .poll(() => page.locator('[data-test="survey-status"]').textContent(), { timeout: 15_000 })
      .toBe("Active");

    // No answers yet.
    await page.locator(".n-tabs-tab", { hasText: "Results" }).click();
    await expect
      .poll(() => page.locator('[data-test="nps-score"]').textContent(), { timeout: 15_000 })
      .toBe("—");

    // An invitation link for one demo customer, pasted by the shop's own id, as a CSV download.
    const found = await s.api<{
      customers: { edges: { node: { id: string; externalId: string } }[] };
    }>(
      `{ customers(first: 1, orderBy: { field: NAME, direction: ASC }) { edges { node { id externalId } } } }`,
    );
    const customer = found.customers.edges[0]!.node;
    await page.locator(".n-tabs-tab", { hasText: "Invitations" }).click();
    await page
      .locator('[data-test="invite-mode"] label', { hasText: "Specific customers" })
      .click();
    await page.locator('[data-test="invite-customers"] textarea').fill(customer.externalId);
    await page.locator('[data-test="invite-start"]').click();
    const dialog = page.locator('[data-test="invite-dialog"]');
    await expect.poll(() => dialog.textContent()).toContain("shown only this once");
    await settled(page);
    await page.screenshot({ path: join(SHOTS, "survey-invitations.png"), fullPage: true });
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      dialog.locator("button", { hasText: "Create and download" }).click(),
    ]);
    const csv = readFileSync((await download.path())!, "utf8");
    const [header, row] = csv
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r?\n/);
    expect(header).toBe("customer_id,external_id,email,name,locale,link,expires_at");
    expect(row).toContain(customer.id);
    const link = /(https?:\/\/[^,]+\/s\/[A-Za-z0-9_-]{43})/.exec(row!)![1]!;
    expect(link.startsWith(s.base)).toBe(true);
    expect(await page.locator('[data-test="invite-done"]').textContent()).toContain("1 link is in");

    // The customer opens the link on a phone, signed in to nothing.
    customerContext = await launchChromium();
    const phone = customerContext.pages()[0] ?? (await customerContext.newPage());
    const phoneProblems: string[] = [];
    phone.on("pageerror", (e) => phoneProblems.push(`pageerror: ${e.message}`));
    phone.on("console", (m) => {
      if (m.type() === "error") phoneProblems.push(`console: ${m.text()}`);
    });
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(link);
    const form = phone.locator('[data-test="survey-form"]');
    await form.waitFor();
    expect(await phone.locator("html").getAttribute("lang")).toMatch(/^(en|nl)/);
    await phone.screenshot({ path: join(SHOTS, "survey-hosted-phone.png"), fullPage: true });
    await phone.setViewportSize({ width: 1280, height: 800 });
    await phone.screenshot({ path: join(SHOTS, "survey-hosted-desktop.png"), fullPage: true });
    await phone.setViewportSize({ width: 390, height: 844 });
    // Sending without the required score gives a summary that links to the question.
    await phone.locator('[data-test="survey-submit"]').click();
    await phone.locator('[data-test="error-summary"]').waitFor();
    await phone.locator('[data-test="summary-link-nps"]').click();
    expect(await phone.evaluate(() => document.activeElement?.id)).toBe("q-nps-0");
    // Scales are radio groups: the arrow keys move along them.
    await phone.keyboard.press("ArrowLeft");
    expect(await phone.locator('[data-test="answer-nps-10"]').isChecked()).toBe(true);
    await phone.locator('[data-test="survey-submit"]').click();
    await phone.locator('[data-test="hosted-thanks"]').waitFor({ timeout: 15_000 });
    await phone.screenshot({ path: join(SHOTS, "survey-hosted-thanks.png"), fullPage: true });
    // The link works once.
    await phone.goto(link);
    await phone.locator('[data-test="hosted-unavailable-TOKEN_USED"]').waitFor();
    await phone.screenshot({ path: join(SHOTS, "survey-hosted-used.png"), fullPage: true });
    expect(phoneProblems).toEqual([]);

    // The admin's results page now shows the promoter: NPS 100 from 1 answer.
    expect(await npsOf(surveyId)).toEqual({ score: 100, total: 1 });
    await page.goto(`${s.base}/surveys/${surveyId}?tab=results`);
    await expect
      .poll(() => page.locator('[data-test="nps-score"]').textContent(), { timeout: 15_000 })
      .toBe("100");
    expect(await page.locator('[data-test="nps-card"]').textContent()).toContain("1 answer");
    await tallShot(page, "survey-results.png", 1300);

    await page.goto(`${s.base}/surveys`);
    await page.locator('[data-test="survey-row"]').first().waitFor();
    await page.screenshot({ path: join(SHOTS, "surveys-list.png"), fullPage: true });
    expect(s.problems).toEqual([]);
  });
});
