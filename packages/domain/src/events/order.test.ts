import { describe, expect, it } from "vitest";
import { orderTotals, validateOrder } from "./order";
import { decideRefund } from "./refund";

const line = (over: Partial<Parameters<typeof validateOrder>[0]["lines"][number]> = {}) => ({
  productId: "sku-1",
  category: "shoes",
  quantity: 1,
  amountMinor: 5000,
  discountMinor: 0,
  ...over,
});

describe("orders", () => {
  it("sums gross, discount, net, items and distinct categories", () => {
    const totals = orderTotals({
      orderId: "o1",
      currency: "EUR",
      lines: [
        line({ quantity: 2, amountMinor: 4000, discountMinor: 500 }),
        line({ category: "socks", amountMinor: 999 }),
        line({ amountMinor: 1 }),
      ],
    });
    expect(totals).toEqual({
      grossMinor: 5000,
      discountMinor: 500,
      netMinor: 4500,
      itemCount: 4,
      categories: ["shoes", "socks"],
    });
  });

  it("locates every problem by path", () => {
    const problems = validateOrder({
      orderId: " ",
      currency: "euro",
      lines: [
        line({ quantity: 0 }),
        line({ amountMinor: -5 }),
        line({ amountMinor: 10, discountMinor: 11 }),
        line({ amountMinor: 1.5 }),
      ],
    });
    expect(problems.map((p) => p.path)).toEqual([
      "orderId",
      "currency",
      "lines[0].quantity",
      "lines[1].amountMinor",
      "lines[2].discountMinor",
      "lines[3].amountMinor",
    ]);
  });

  it("rejects an order without lines", () => {
    expect(validateOrder({ orderId: "o", currency: "EUR", lines: [] })).toEqual([
      { path: "lines", message: expect.any(String) },
    ]);
  });

  it("accepts a valid order", () => {
    expect(validateOrder({ orderId: "o", currency: "EUR", lines: [line()] })).toEqual([]);
  });
});

describe("refunds", () => {
  it("refunds what is left when no amount is given", () => {
    expect(decideRefund({ orderNetMinor: 1000, alreadyRefundedMinor: 300 })).toEqual({
      ok: true,
      amountMinor: 700,
      full: true,
    });
  });

  it("allows partial refunds up to the remaining amount", () => {
    expect(
      decideRefund({ orderNetMinor: 1000, alreadyRefundedMinor: 300, requestedMinor: 200 }),
    ).toEqual({ ok: true, amountMinor: 200, full: false });
    expect(
      decideRefund({ orderNetMinor: 1000, alreadyRefundedMinor: 300, requestedMinor: 700 }),
    ).toMatchObject({ ok: true, full: true });
  });

  it("refuses a refund above what remains, a zero or negative refund, and refunds of a fully refunded order", () => {
    expect(
      decideRefund({ orderNetMinor: 1000, alreadyRefundedMinor: 300, requestedMinor: 701 }).ok,
    ).toBe(false);
    expect(
      decideRefund({ orderNetMinor: 1000, alreadyRefundedMinor: 0, requestedMinor: 0 }).ok,
    ).toBe(false);
    expect(
      decideRefund({ orderNetMinor: 1000, alreadyRefundedMinor: 0, requestedMinor: -1 }).ok,
    ).toBe(false);
    const done = decideRefund({ orderNetMinor: 1000, alreadyRefundedMinor: 1000 });
    expect(done).toMatchObject({
      ok: false,
      problem: { message: "the order is already fully refunded" },
    });
  });
});
