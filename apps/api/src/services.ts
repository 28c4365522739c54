import type { Config } from "@trouw/config";
import type { Clock } from "./common/clock";
import type { Database } from "./db/database";
import { CustomersService } from "./modules/customers/customers.service";
import { BatchService } from "./modules/events/batch.service";
import { EventsService } from "./modules/events/events.service";
import { SupportService } from "./modules/support/support.service";
import { UsersService } from "./modules/users/users.service";
import { JobsService } from "./modules/jobs/jobs.service";
import { SegmentsService } from "./modules/segments/segments.service";
import { EarningService } from "./modules/loyalty/earning.service";
import { Ledger } from "./modules/loyalty/ledger";
import { LoyaltyService } from "./modules/loyalty/loyalty.service";
import { LoyaltyMaintenance } from "./modules/loyalty/maintenance";
import { ProgramsService } from "./modules/loyalty/programs.service";
import { SurveysService } from "./modules/surveys/surveys.service";
import { SurveyResponsesService } from "./modules/surveys/responses.service";
import { SurveyInvitationsService } from "./modules/surveys/invitations.service";
import { SurveyScoresService } from "./modules/surveys/scores.service";
import { surveyAnsweredBonus } from "./modules/surveys/survey-bonus";
import { AnalyticsService } from "./modules/analytics/analytics.service";
import { WebhooksService } from "./modules/webhooks/webhooks.service";
import { emitSurveyAnswered } from "./modules/webhooks/emitters";
import { AuditService } from "./modules/audit/audit.service";
import { PrivacyService } from "./modules/privacy/privacy.service";
import { ImportsService } from "./modules/imports/imports.service";
import type { Logger } from "pino";

/** The use cases, built once per process and shared by all requests. */
export interface Services {
  customers: CustomersService;
  events: EventsService;
  support: SupportService;
  batch: BatchService;
  users: UsersService;
  jobs: JobsService;
  segments: SegmentsService;
  programs: ProgramsService;
  loyalty: LoyaltyService;
  loyaltyMaintenance: LoyaltyMaintenance;
  surveys: SurveysService;
  surveyResponses: SurveyResponsesService;
  surveyInvitations: SurveyInvitationsService;
  surveyScores: SurveyScoresService;
  analytics: AnalyticsService;
  webhooks: WebhooksService;
  audit: AuditService;
  privacy: PrivacyService;
  imports: ImportsService;
}

export function createServices(
  db: Database,
  clock: Clock,
  config: Config,
  logger: Logger,
): Services {
  const events = new EventsService(db, clock);
  const jobs = new JobsService(db, clock, logger);
  const support = new SupportService(db, clock, events);
  const programs = new ProgramsService(db, clock);
  const ledger = new Ledger(db, clock);
  const earning = new EarningService(clock, programs, ledger);
  // Orders, refunds, subscriptions and referrals earn in the same transaction that stores them.
  events.onAppend((em, event, lock) => earning.onEvent(em, event, lock));
  // ... locking the accounts an order earns in with the order's own insert.
  events.lockWith((em, event) => earning.lockFor(em, event));
  const surveys = new SurveysService(db, clock);
  const surveyResponses = new SurveyResponsesService(db, clock, surveys);
  // Answering a survey earns the survey_answered bonus in the response's transaction.
  surveyResponses.onRespond(surveyAnsweredBonus(programs, ledger, earning));
  // ... and writes survey.answered to the outbox for webhooks.
  surveyResponses.onRespond(emitSurveyAnswered);
  return {
    customers: new CustomersService(db, clock),
    events,
    support,
    batch: new BatchService(db, events, support),
    users: new UsersService(db, clock, config),
    jobs,
    segments: new SegmentsService(db, clock, jobs),
    programs,
    loyalty: new LoyaltyService(db, clock, programs, ledger, earning),
    loyaltyMaintenance: new LoyaltyMaintenance(db, clock, programs, ledger, earning, jobs),
    surveys,
    surveyResponses,
    surveyInvitations: new SurveyInvitationsService(db, clock, surveys, surveyResponses, config),
    surveyScores: new SurveyScoresService(db, clock, surveys),
    analytics: new AnalyticsService(db, clock),
    webhooks: new WebhooksService(
      db,
      clock,
      jobs,
      {
        production: config.NODE_ENV === "production",
        timeoutMs: config.WEBHOOK_TIMEOUT_MS,
        maxAttempts: config.WEBHOOK_MAX_ATTEMPTS,
        retryBaseMs: config.WEBHOOK_RETRY_BASE_MS,
        retentionDays: config.WEBHOOK_RETENTION_DAYS,
      },
      logger,
    ),
    audit: new AuditService(db),
    privacy: new PrivacyService(db, clock),
    // Imported orders earn only when the import asks for it (see ImportOptions.awardPoints).
    imports: new ImportsService(db, clock, jobs, logger, (em, event) => earning.onEvent(em, event)),
  };
}
