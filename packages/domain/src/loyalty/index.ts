export * from "./program";
export { validateProgramConfig } from "./validate";
export { addMonths } from "./calendar";
export * from "./ledger";
export * from "./ledger-machine";
export {
  earnForOrder,
  bonusPoints,
  chooseCampaigns,
  type OrderForEarning,
  type CampaignForEarning,
  type CampaignValue,
  type EarnContext,
  type EarnOutcome,
} from "./earning";
export * from "./refunds";
export * from "./tiers";
export * from "./membership";
export * from "./referral";
export * from "./expiry";
export * from "./rewards";
export * from "./reorder";
export * from "./campaigns";
