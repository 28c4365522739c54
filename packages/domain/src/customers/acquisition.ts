/** How a customer came in. "competitor_switch" marks looking-to-switch customers (DOMAIN.md section 2). */
export const ACQUISITION_SOURCES = [
  "direct",
  "organic_search",
  "paid_search",
  "social",
  "email",
  "referral",
  "competitor_switch",
  "campaign",
  "marketplace",
  "in_store",
  "other",
] as const;
export type AcquisitionSource = (typeof ACQUISITION_SOURCES)[number];
