import { trouw } from "./trouw-client.mjs";

const { loyaltyStatus } = await trouw(
  `query ($customer: String!) {
    loyaltyStatus(customerExternalId: $customer) {
      program { id name } unit balance pending lifetimeEarned
      tier { name nextName remainingToNext }
      expiringSoon { amount firstExpiresAt }
    }
  }`,
  { customer: "CUST-1001" },
);
console.log(JSON.stringify(loyaltyStatus));
