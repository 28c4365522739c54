import { ConditionRegistry } from "./registry";
import {
  customAttribute,
  dateField,
  enumField,
  marketingConsent,
  tagsCondition,
  textField,
} from "./conditions/customer-fields";
import { daysFirstVisitToFirstOrder, daysSinceEvent, eventAggregate } from "./conditions/events";
import { segmentMember } from "./conditions/segment-ref";
import { surveyCsat, surveyNpsCategory } from "./conditions/survey";
import {
  loyaltyBalance,
  loyaltyMember,
  loyaltyPointsEarned,
  loyaltyTier,
} from "./conditions/loyalty";

/**
 * The condition kinds Trouw knows. Survey and loyalty conditions register here when their
 * modules land (the extension points of the rule language).
 */
export const defaultRegistry = new ConditionRegistry();

defaultRegistry
  .register(textField)
  .register(enumField)
  .register(dateField)
  .register(marketingConsent)
  .register(tagsCondition)
  .register(customAttribute)
  .register(eventAggregate)
  .register(daysSinceEvent)
  .register(daysFirstVisitToFirstOrder)
  .register(segmentMember);

defaultRegistry.register(surveyNpsCategory).register(surveyCsat);

defaultRegistry
  .register(loyaltyMember)
  .register(loyaltyTier)
  .register(loyaltyBalance)
  .register(loyaltyPointsEarned);
