import { trouw } from "./trouw-client.mjs";

// Up to 1,000 events per call; each item succeeds or fails on its own (see results[].error).
const events = [
  {
    idempotencyKey: "order-A-1002",
    order: {
      customerExternalId: "CUST-1001",
      orderId: "A-1002",
      currency: "EUR",
      lines: [{ productId: "sku-3", quantity: 1, amountMinor: 2500 }],
    },
  },
  { idempotencyKey: "visit-1", visit: { customerExternalId: "CUST-1001", kind: "PAGE_VIEW" } },
  { order: { customerExternalId: "CUST-1001", orderId: "A-1003", currency: "EUR", lines: [] } },
];
const { recordEvents } = await trouw(
  `mutation ($events: [EventInput!]!) {
    recordEvents(events: $events) {
      acceptedCount rejectedCount
      results { index ok event { id type } error { code message problems { path message } } }
    }
  }`,
  { events },
);
for (const r of recordEvents.results.filter((r) => !r.ok))
  console.error(`event ${r.index} rejected: ${r.error.code} ${r.error.message}`);
console.log(JSON.stringify(recordEvents));
