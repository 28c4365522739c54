import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reorderDue } from "@trouw/domain";
import { startTestServer, TEST_NOW, type TestServer } from "../../test-support/server";
import { loyaltyFixtures } from "../../test-support/loyalty-fixtures";

// Its own server: the list spans every customer, so no other test's orders may be in it.
let t: TestServer;
let f: ReturnType<typeof loyaltyFixtures>;
/** Each customer's order times, to ask the domain rule what the list must hold. */
const orders = new Map<string, Date[]>();

beforeAll(async () => {
  t = await startTestServer();
  f = loyaltyFixtures(t);
});
afterAll(async () => {
  await t?.stop();
});

/** A customer with orders this many days (and hours) before now. */
async function buyer(daysAgo: number[], hour = 12): Promise<string> {
  const c = await f.customer();
  const dates = daysAgo.map((d) => {
    const day = Date.UTC(
      TEST_NOW.getUTCFullYear(),
      TEST_NOW.getUTCMonth(),
      TEST_NOW.getUTCDate() - d,
    );
    return new Date(day + hour * 3_600_000);
  });
  for (const at of dates) await f.order(c, [{ amountMinor: 1_000 }], { occurredAt: at });
  orders.set(c, dates);
  return c;
}

type Reminder = {
  customerId: string;
  intervalDays: number;
  daysSinceLast: number;
  overdueDays: number;
};

async function reminders(first: number, slackFactor?: number): Promise<Reminder[]> {
  const res = await t.gql<{ reorderReminders: Reminder[] }>(
    `query($n: Int, $s: Float) { reorderReminders(first: $n, slackFactor: $s) {
       customerId intervalDays daysSinceLast overdueDays } }`,
    { n: first, s: slackFactor ?? null },
    t.admin,
  );
  expect(res.errors ?? []).toEqual([]);
  return res.data!.reorderReminders;
}

/** What the domain rule says the whole list is, most overdue first. */
function expected(slack: number): Reminder[] {
  return [...orders]
    .map(([customerId, dates]) => ({ customerId, ...reorderDue(dates, TEST_NOW, slack) }))
    .filter((r) => r.due)
    .map(({ customerId, intervalDays, daysSinceLast, overdueDays }) => ({
      customerId,
      intervalDays: intervalDays!,
      daysSinceLast: daysSinceLast!,
      overdueDays: overdueDays!,
    }))
    .sort((a, b) => b.overdueDays - a.overdueDays || (a.customerId < b.customerId ? -1 : 1));
}

describe("reorder reminders", () => {
  it("pages through due customers only, even when more customers who are not due rank ahead", async () => {
    // Gaps of 1 and 2 days: the usual interval rounds to 2, so at slack 3 a reminder is due
    // after 6 days; 5 days after the last order these customers are not due yet (a median
    // of 1.5 would have made them due after 5).
    const almost = [await buyer([8, 7, 5]), await buyer([8, 7, 5]), await buyer([8, 7, 5])];
    // Every 10 days, last order 30 days ago: due after 30 days at slack 3, so due today.
    const due = [await buyer([50, 40, 30]), await buyer([50, 40, 30])];

    const page = await reminders(2, 3);
    expect(page.map((r) => r.customerId).sort()).toEqual([...due].sort());
    expect(page.every((r) => r.overdueDays === 0 && r.intervalDays === 10)).toBe(true);
    expect((await reminders(50, 3)).map((r) => r.customerId)).not.toContain(almost[0]);
    expect(await reminders(50, 3)).toEqual(expected(3));
  });

  it("lists the most overdue customers first", async () => {
    // 10 days past an interval of 10 (twice the interval) ...
    const recent = await buyer([40, 30, 20]);
    // ... ranks after 50 days past an interval of 100 (1.5 times the interval).
    const longGone = await buyer([350, 250, 150]);

    const [first] = await reminders(1);
    expect(first).toMatchObject({ customerId: longGone, intervalDays: 100, overdueDays: 50 });
    const all = await reminders(50);
    expect(all).toEqual(expected(1));
    expect(all.map((r) => r.customerId).indexOf(recent)).toBeGreaterThan(0);
    const overdue = all.map((r) => r.overdueDays);
    expect(overdue).toEqual([...overdue].sort((a, b) => b - a));
  });

  it("agrees with the domain rule for every customer and slack factor", async () => {
    // Irregular buyers: odd and even gap counts, .5 medians, several orders on one day, orders
    // late in the UTC day, and customers who are not regular (fewer than three order days).
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    for (let i = 0; i < 24; i++) {
      const days: number[] = [];
      let day = 1 + Math.floor(random() * 60);
      const n = 2 + Math.floor(random() * 5);
      for (let k = 0; k < n; k++) {
        days.push(day);
        if (random() < 0.2) days.push(day); // a second order the same day
        day += 1 + Math.floor(random() * 15);
      }
      await buyer(days.reverse(), random() < 0.5 ? 23 : 0);
    }
    for (const slack of [0.5, 1, 1.3, 1.5, 2.5, 5]) {
      const want = expected(slack);
      expect(await reminders(200, slack), `slack ${slack}`).toEqual(want);
      expect(await reminders(3, slack), `slack ${slack}, first 3`).toEqual(want.slice(0, 3));
    }
  });
});
