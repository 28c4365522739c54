import { trouw } from "./trouw-client.mjs";

// The idempotency key makes the call safe to retry: same key + same order = the first result.
const { recordOrder } = await trouw(
  `mutation ($order: RecordOrderInput!, $key: String) {
    recordOrder(input: $order, idempotencyKey: $key) { id occurredAt amount { amountMinor currency } }
  }`,
  {
    key: "order-A-1001",
    order: {
      customerExternalId: "CUST-1001",
      orderId: "A-1001",
      currency: "EUR",
      occurredAt: "2026-06-01T12:00:00Z",
      lines: [
        { productId: "sku-1", category: "shoes", quantity: 1, amountMinor: 5995 },
        { productId: "sku-2", category: "socks", quantity: 2, amountMinor: 1000 },
      ],
    },
  },
);
console.log(JSON.stringify(recordOrder));
