export * from "./ast";
export * from "./subject";
export * from "./sql";
export * from "./registry";
export * from "./compare";
export { defaultRegistry } from "./default-registry";
export {
  evaluateRule,
  evaluateNode,
  compileRule,
  holdsWithoutFacts,
  compileNode,
  explainRule,
  type Explanation,
} from "./engine";
export {
  validateRule,
  referencedSegments,
  MAX_RULE_DEPTH,
  MAX_RULE_NODES,
  type Validated,
  type ValidateOptions,
} from "./validate";
export {
  eventFilter,
  timeWindow,
  AGGREGATES,
  type EventFilter,
  type TimeWindow,
} from "./conditions/events";
export { TEXT_FIELDS, ENUM_FIELDS, DATE_FIELDS } from "./conditions/customer-fields";
export { daysToAnniversary } from "./conditions/dates";
export * from "./templates";
export * from "./facts";
