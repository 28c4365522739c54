import "reflect-metadata";
import { GraphQLDateTime } from "graphql-scalars";
import { buildSchema, type AuthChecker } from "type-graphql";
import type { GraphQLSchema } from "graphql";
import { forbidden, unauthenticated } from "./common/errors";
import { permissionsOf, type Permission } from "./auth/permissions";
import type { Context } from "./context";
import { CustomersResolver } from "./modules/customers/customers.resolver";
import { CustomerTimelineResolver, EventsResolver } from "./modules/events/events.resolver";
import { CustomerSupportResolver, SupportResolver } from "./modules/support/support.resolver";
import { UsersResolver } from "./modules/users/users.resolver";
import {
  CustomerSegmentsResolver,
  SegmentMembershipChangeResolver,
  SegmentsResolver,
} from "./modules/segments/segments.resolver";
import { SegmentTemplatesResolver } from "./modules/segments/templates.resolver";
import {
  CustomerLoyaltyResolver,
  LoyaltyAccountsResolver,
  LoyaltyProgramsResolver,
  ReorderReminderResolver,
} from "./modules/loyalty/loyalty.resolver";
import {
  SurveyInvitationsResolver,
  SurveyResponsesResolver,
  SurveysResolver,
} from "./modules/surveys/surveys.resolver";
import { AnalyticsResolver, DashboardResolver } from "./modules/analytics/analytics.resolver";
import { WebhooksResolver } from "./modules/webhooks/webhooks.resolver";
import { AuditResolver } from "./modules/audit/audit.resolver";
import { CustomerConsentResolver, PrivacyResolver } from "./modules/privacy/privacy.resolver";
import { ImportsResolver } from "./modules/imports/imports.resolver";

/** No credentials: UNAUTHENTICATED. Credentials without the permission: FORBIDDEN. */
const authChecker: AuthChecker<Context, Permission> = ({ context }, required) => {
  if (!context.actor) throw unauthenticated();
  const granted = permissionsOf(context.actor);
  if (!required.every((p) => granted.has(p)))
    throw forbidden(`Requires permission ${required.join(", ")}`);
  return true;
};

export const resolvers = [
  CustomersResolver,
  CustomerTimelineResolver,
  CustomerSupportResolver,
  EventsResolver,
  SupportResolver,
  UsersResolver,
  SegmentsResolver,
  SegmentMembershipChangeResolver,
  CustomerSegmentsResolver,
  SegmentTemplatesResolver,
  LoyaltyProgramsResolver,
  LoyaltyAccountsResolver,
  CustomerLoyaltyResolver,
  ReorderReminderResolver,
  SurveysResolver,
  SurveyResponsesResolver,
  SurveyInvitationsResolver,
  AnalyticsResolver,
  DashboardResolver,
  WebhooksResolver,
  AuditResolver,
  PrivacyResolver,
  CustomerConsentResolver,
  ImportsResolver,
] as const;

export async function buildTrouwSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers,
    authChecker,
    // Inputs are validated by the domain package, which reports every problem by path.
    validate: false,
    scalarsMap: [{ type: Date, scalar: GraphQLDateTime }],
  });
  // type-graphql has no option for the root types' descriptions.
  schema.getQueryType()!.description =
    "Every read: customers, events, loyalty, segments, surveys, analytics and administration.";
  schema.getMutationType()!.description =
    "Every write: events, customers, loyalty, segments, surveys, webhooks and administration.";
  return schema;
}
