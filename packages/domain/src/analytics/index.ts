export { percentOf, roundedRatio } from "./rounding";
export * from "./retention";
export * from "./retention-series";
export {
  repeatPurchaseRate,
  repeatPurchaseRateOfCounts,
  averageOrderValue,
  averageOrderValueOfTotal,
  type OrderAmount,
  type RepeatPurchase,
  type AverageOrderValueOptions,
} from "./orders";
export * from "./clv";
export * from "./loyalty-measures";
