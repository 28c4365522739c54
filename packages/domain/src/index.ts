export * from "./money/money";
export * from "./customers/personality";
export * from "./customers/acquisition";
export * from "./customers/lifecycle";
export * from "./events/event-types";
export * from "./events/order";
export * from "./events/refund";
export * from "./customers/customer-input";
