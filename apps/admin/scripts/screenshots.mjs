// Screenshots of the admin in headless Chromium, for looking at what a person sees.
// Needs the API (port 4000) and `pnpm dev` (port 5173) running, and Debian's chromium.
// It saves one segment (from the first template) to show the segment pages.
// Usage: node scripts/screenshots.mjs [outDir] [customerId]
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const out = process.argv[2] ?? join(tmpdir(), "trouw-admin-screenshots");
const base = process.env.ADMIN_URL ?? "http://127.0.0.1:5173";
mkdirSync(out, { recursive: true });

const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "chromium-")), {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  headless: true,
  viewport: { width: 1440, height: Number(process.env.SHOT_HEIGHT ?? 900) },
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
const page = context.pages()[0] ?? (await context.newPage());
const problems = [];
page.on(
  "console",
  (m) =>
    (m.type() === "error" || m.type() === "warning") && problems.push(`${m.type()}: ${m.text()}`),
);
page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
const shot = async (name) => {
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(out, `${name}.png`), fullPage: true });
  console.log(join(out, `${name}.png`));
};

await page.goto(`${base}/customers`);
await page.waitForURL(/\/login/);
await page.fill("#login-email", "admin@trouw.local");
await page.fill("#login-password", "wrong-password");
await page.keyboard.press("Enter");
await page.waitForSelector('[data-test="login-error"]');
await shot("01-login-error");

await page.fill("#login-password", "trouw-admin");
await page.keyboard.press("Enter");
await page.waitForURL(/\/customers/);
await page.waitForSelector('[data-test="customer-row"]');
await shot("02-customers");

await page.goto(`${base}/customers?colour=BLUE&sort=name-asc&size=50`);
await page.waitForSelector('[data-test="customer-row"]');
await shot("03-customers-filtered");

await page.goto(`${base}/customers?q=nobody-by-this-name`);
await page.waitForSelector('[data-test="empty"]');
await shot("04-customers-empty");

const id = process.argv[3];
if (id) await page.goto(`${base}/customers/${id}`);
else {
  await page.goto(`${base}/customers`);
  await page.click('[data-test="customer-row"]');
}
await page.waitForSelector('[data-test="timeline"]');
await page.waitForTimeout(800);
await shot("05-customer");
const customerUrl = page.url();

await page.click('[data-test="edit-profile"]');
await page.waitForSelector('[data-test="profile-form"]');
await shot("06-customer-edit");

// Segments: the gallery, a template in the builder, a saved segment and an explanation.
await page.goto(`${base}/segments`);
await page.waitForSelector('[data-test="empty"], [data-test="segment-row"]');
await shot("08-segments");
await page.goto(`${base}/segments/templates`);
await page.waitForSelector('[data-test="template-card"]');
await shot("09-segment-templates");
await page.click('[data-test="template-card"] [data-test="use-template"]');
await page.waitForSelector('[data-test="preview-count"]');
await page.locator("#segment-name").fill(`Screenshot ${new Date().toISOString()}`);
await page.waitForTimeout(1000);
await shot("10-segment-builder");
await page.click('[data-test="save"]');
await page.waitForURL(/\/segments\/[0-9a-f-]{36}$/);
await page.waitForSelector('[data-test="segment-name"]');
await page.waitForTimeout(2500);
await shot("11-segment");
if (await page.locator('[data-test="member-row"]').count()) {
  await page.click('[data-test="member-row"]');
  await page.waitForSelector('[data-test="explain-node"]');
  await shot("12-segment-explain");
  await page.keyboard.press("Escape");
}
await page.click("text=Size over time");
await page.waitForTimeout(1000);
await shot("13-segment-size");

// Programs: the list, a new tiered program with its simulator, a saved program's rewards.
await page.goto(`${base}/programs`);
await page.waitForSelector('[data-test="empty"], [data-test="program-row"]');
await shot("15-programs");
await page.goto(`${base}/programs/new?type=tiered`);
await page.waitForSelector('[data-test="program-form"]');
await page.locator("#pf-name").fill("Screenshot club");
await page.waitForSelector('[data-test="simulation-earned"]');
await shot("16-program-new");
await page.goto(`${base}/programs`);
await page.waitForSelector('[data-test="empty"], [data-test="program-row"]');
if (await page.locator('[data-test="program-row"]').count()) {
  await page.click('[data-test="program-row"]');
  await page.waitForSelector('[data-test="program-form"]');
  await shot("17-program");
  await page.click("text=Rewards");
  await page.waitForSelector('[data-test="rewards-tab"]');
  await shot("18-program-rewards");
}

await page.goto(customerUrl);
await page.waitForSelector('[data-test="timeline"]');
await page.click('[data-test="language"]');
await page.click("text=Nederlands");
await page.click('[data-test="edit-profile"]').catch(() => {});
await shot("07-customer-nl");

await page.goto(`${base}/segments/new`);
await page.waitForSelector('[data-test="rule-card"]');
await shot("14-segment-builder-nl");

await context.close();
if (problems.length) console.log("browser console:\n" + problems.join("\n"));
