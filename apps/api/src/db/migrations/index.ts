import { Foundation1763900000000 } from "./1763900000000-Foundation";
import { SegmentsAndJobs1763990000000 } from "./1763990000000-SegmentsAndJobs";
import { CustomerFacts1764000000000 } from "./1764000000000-CustomerFacts";
import { PayloadFacts1764100000000 } from "./1764100000000-PayloadFacts";
import { Loyalty1764300000000 } from "./1764300000000-Loyalty";
import { Surveys1764400000000 } from "./1764400000000-Surveys";
import { RecentOrderFacts1764500000000 } from "./1764500000000-RecentOrderFacts";
import { SegmentMembershipWithoutForeignKeys1764500000001 } from "./1764500000001-SegmentMembershipWithoutForeignKeys";
import { DropMembershipCustomerIndex1764550000000 } from "./1764550000000-DropMembershipCustomerIndex";
import { Hardening1764700000000 } from "./1764700000000-Hardening";
import { Webhooks1764800000000 } from "./1764800000000-Webhooks";
import { Analytics1764900000000 } from "./1764900000000-Analytics";
import { SurveyFactsAndJobSteps1765000000000 } from "./1765000000000-SurveyFactsAndJobSteps";
import { AuditAndPrivacy1765100000000 } from "./1765100000000-AuditAndPrivacy";
import { Imports1765200000000 } from "./1765200000000-Imports";
import { BulkImports1765400000000 } from "./1765400000000-BulkImports";
import { WebhookRetention1765500000000 } from "./1765500000000-WebhookRetention";
import { ActivityUnchangedSkip1765700000000 } from "./1765700000000-ActivityUnchangedSkip";
import { LedgerImmutable1765800000000 } from "./1765800000000-LedgerImmutable";

/** Append-only: add new migrations at the end. */
export const migrations = [
  Foundation1763900000000,
  SegmentsAndJobs1763990000000,
  CustomerFacts1764000000000,
  PayloadFacts1764100000000,
  Loyalty1764300000000,
  Surveys1764400000000,
  RecentOrderFacts1764500000000,
  SegmentMembershipWithoutForeignKeys1764500000001,
  DropMembershipCustomerIndex1764550000000,
  Hardening1764700000000,
  Webhooks1764800000000,
  Analytics1764900000000,
  SurveyFactsAndJobSteps1765000000000,
  AuditAndPrivacy1765100000000,
  Imports1765200000000,
  BulkImports1765400000000,
  WebhookRetention1765500000000,
  ActivityUnchangedSkip1765700000000,
  LedgerImmutable1765800000000,
];
