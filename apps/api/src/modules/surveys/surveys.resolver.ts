import {
  Arg,
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import { GraphQLJSONObject } from "graphql-scalars";
import { npsCategory, type SurveyStatus } from "@trouw/domain";
import { requestActor, type Context } from "../../context";
import type { Page } from "../../common/graphql-types";
import { PageArgsType } from "../customers/customers.resolver";
import { Customer } from "../customers/customers.types";
import { renderSurvey } from "./render";
import type { ResponseRow, SurveyRow } from "./rows";
import type { ScoreKind } from "./responses.service";
import type { ScoreGrouping } from "./scores.service";
import { SURVEY_TEMPLATES, type SurveyTemplateKey } from "./surveys.service";
import {
  HostedSurvey,
  RenderedSurvey,
  SubmitSurveyResponseInput,
  Survey,
  SurveyConnection,
  SurveyInvitationBatch,
  SurveyInvitationsInput,
  SurveyKeywords,
  SurveyResponse,
  SurveyResponseConnection,
  SurveyScoreGroupingEnum,
  SurveyScorePeriod,
  SurveyScoreRangeInput,
  SurveyStatusEnum,
  SurveySubmission,
  SurveyTemplateEnum,
  SurveyTemplateInfo,
} from "./surveys.types";

const KEY_DESCRIPTION =
  "Send the same key when retrying: the first result is returned and nothing is written twice.";

export const toSurvey = (s: SurveyRow): Survey => ({
  id: s.id,
  title: s.title,
  status: s.status,
  definition: s.definition,
  audienceSegmentId: s.audienceSegmentId,
  allowMultipleResponses: s.definition.allowMultipleResponses,
  responseQuota: s.definition.responseQuota ?? null,
  responseCount: s.responseCount,
  defaultLocale: s.definition.defaultLocale,
  locales: s.definition.locales,
  templateKey: s.templateKey,
  version: s.version,
  createdAt: s.createdAt,
  updatedAt: s.updatedAt,
  activatedAt: s.activatedAt,
  closedAt: s.closedAt,
});

export const toSurveyResponse = (r: ResponseRow): SurveyResponse => ({
  id: r.id,
  surveyId: r.surveyId,
  customerId: r.customerId,
  source: r.source,
  locale: r.locale,
  answers: r.answers,
  npsScore: r.npsScore,
  npsCategory: r.npsScore === null ? null : npsCategory(r.npsScore),
  csatScore: r.csatScore,
  cesScore: r.cesScore,
  loyaltyPoints: r.loyaltyPoints,
  submittedAt: r.submittedAt,
});

@ArgsType()
class SurveysArgs extends PageArgsType {
  @Field(() => SurveyStatusEnum, { nullable: true, description: "Only surveys in this state." })
  status?: SurveyStatus | null;

  @Field(() => String, { nullable: true, description: "Part of the title (default locale)." })
  search?: string | null;
}

@ArgsType()
class SurveyResponsesArgs extends PageArgsType {
  @Field(() => ID, { nullable: true, description: "Only responses to this survey." })
  surveyId?: string | null;

  @Field(() => ID, { nullable: true, description: "Only this customer's responses." })
  customerId?: string | null;

  @Field(() => Date, { nullable: true, description: "Submitted at or after." })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: "Submitted before." })
  to?: Date | null;

  @Field(() => SurveyScoreRangeInput, {
    nullable: true,
    description: "Only responses whose score lies in this range.",
  })
  score?: SurveyScoreRangeInput | null;

  @Field(() => ID, { nullable: true, description: "Only customers now in this segment." })
  segmentId?: string | null;
}

@ArgsType()
class SurveyScoresArgs {
  @Field(() => ID, { description: "The survey." })
  surveyId: string;

  @Field(() => Date, { nullable: true, description: "Responses submitted at or after." })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: "Responses submitted before (default now)." })
  to?: Date | null;

  @Field(() => ID, { nullable: true, description: "Only customers now in this segment." })
  segmentId?: string | null;

  @Field(() => SurveyScoreGroupingEnum, {
    defaultValue: "none",
    description: "One period per month or week, or one for the whole range.",
  })
  groupBy: ScoreGrouping;
}

@ArgsType()
class SurveyKeywordsArgs {
  @Field(() => ID, { description: "The survey." })
  surveyId: string;

  @Field({ description: "An open-text question of the survey." })
  questionId: string;

  @Field(() => Date, { nullable: true, description: "Responses submitted at or after." })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: "Responses submitted before." })
  to?: Date | null;

  @Field(() => ID, { nullable: true, description: "Only customers now in this segment." })
  segmentId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Only answers given in this locale, with its stopwords; default: all.",
  })
  locale?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: "At most this many keywords (1-100, default 20).",
  })
  limit?: number | null;
}

@Resolver(() => Survey)
export class SurveysResolver {
  @Authorized("customers:read")
  @Query(() => SurveyConnection, { description: "Surveys, newest first." })
  async surveys(@Args() args: SurveysArgs, @Ctx() ctx: Context) {
    const page = await ctx.services.surveys.list(args);
    return { ...page, edges: page.edges.map((e) => ({ ...e, node: toSurvey(e.node) })) };
  }

  @Authorized("customers:read")
  @Query(() => Survey, { description: "One survey; NOT_FOUND when there is no such survey." })
  async survey(
    @Arg("id", () => ID, { description: "Survey id." }) id: string,
    @Ctx() ctx: Context,
  ) {
    return toSurvey(await ctx.services.surveys.get(id));
  }

  @Authorized("customers:read")
  @Query(() => [SurveyTemplateInfo], { description: "Built-in surveys to start from." })
  surveyTemplates(): SurveyTemplateInfo[] {
    return Object.entries(SURVEY_TEMPLATES).map(([key, make]) => ({ key, definition: make() }));
  }

  @Authorized("surveys:manage")
  @Mutation(() => Survey, {
    description:
      "Creates a draft survey. BAD_USER_INPUT lists every problem of the definition by path (e.g. definition.questions[2].showIf.questionId) with a code.",
  })
  async createSurvey(
    @Arg("definition", () => GraphQLJSONObject, {
      description: "The survey definition; status may be left out (a new survey is a draft).",
    })
    definition: object,
    @Ctx() ctx: Context,
  ) {
    return toSurvey(await ctx.services.surveys.create(requestActor(ctx), { definition }));
  }

  @Authorized("surveys:manage")
  @Mutation(() => Survey, { description: "Creates a draft copy of a built-in survey." })
  async createSurveyFromTemplate(
    @Arg("template", () => SurveyTemplateEnum, { description: "Which template." })
    template: SurveyTemplateKey,
    @Ctx() ctx: Context,
  ) {
    return toSurvey(await ctx.services.surveys.createFromTemplate(requestActor(ctx), template));
  }

  @Authorized("surveys:manage")
  @Mutation(() => Survey, {
    description:
      "Replaces a survey's definition (status stays; change it with setSurveyStatus). Once it has responses, answered questions keep their id, type, scale and options.",
  })
  async updateSurvey(
    @Arg("id", () => ID, { description: "Survey id." }) id: string,
    @Arg("definition", () => GraphQLJSONObject, { description: "The new definition." })
    definition: object,
    @Ctx() ctx: Context,
    @Arg("expectedVersion", () => Int, {
      nullable: true,
      description: "Refuse with CONFLICT (STALE_VERSION) if someone saved in between.",
    })
    expectedVersion?: number,
  ) {
    return toSurvey(await ctx.services.surveys.update(id, { definition }, expectedVersion));
  }

  @Authorized("surveys:manage")
  @Mutation(() => Survey, {
    description:
      "draft → active ↔ closed; active → draft while there are no responses. CONFLICT INVALID_STATUS_CHANGE otherwise.",
  })
  async setSurveyStatus(
    @Arg("id", () => ID, { description: "Survey id." }) id: string,
    @Arg("status", () => SurveyStatusEnum, { description: "The new state." }) status: SurveyStatus,
    @Ctx() ctx: Context,
  ) {
    return toSurvey(await ctx.services.surveys.setStatus(id, status));
  }

  @Authorized("surveys:manage")
  @Mutation(() => Survey, {
    description:
      "Deletes a survey without responses and its invitations; CONFLICT SURVEY_HAS_RESPONSES otherwise (close it instead).",
  })
  async deleteSurvey(
    @Arg("id", () => ID, { description: "Survey id." }) id: string,
    @Ctx() ctx: Context,
  ) {
    return toSurvey(await ctx.services.surveys.delete(id));
  }

  @FieldResolver(() => RenderedSurvey, {
    description: "The survey as a respondent sees it (a preview), in one of its locales.",
  })
  rendered(
    @Root() s: Survey,
    @Arg("locale", () => String, { nullable: true, description: "Default: the default locale." })
    locale?: string,
  ): RenderedSurvey {
    const def = s.definition as SurveyRow["definition"];
    return renderSurvey(def, locale && def.locales.includes(locale) ? locale : def.defaultLocale);
  }
}

@Resolver(() => SurveyResponse)
export class SurveyResponsesResolver {
  @Authorized("surveys:respond")
  @Mutation(() => SurveyResponse, {
    description:
      "Records a customer's answers. BAD_USER_INPUT with a problem per answer (path answers.<questionId>, code WRONG_TYPE, OUT_OF_RANGE, REQUIRED, ...); CONFLICT with reason SURVEY_NOT_ACTIVE, NOT_IN_AUDIENCE, ALREADY_RESPONDED or QUOTA_REACHED. Nothing is stored on failure.",
  })
  async submitSurveyResponse(
    @Arg("input", { description: "The survey, the customer and the answers." })
    input: SubmitSurveyResponseInput,
    @Ctx() ctx: Context,
    @Arg("idempotencyKey", () => String, { nullable: true, description: KEY_DESCRIPTION })
    idempotencyKey?: string,
  ) {
    return toSurveyResponse(
      await ctx.services.surveyResponses.submit(requestActor(ctx), input, idempotencyKey),
    );
  }

  @Authorized("customers:read")
  @Query(() => SurveyResponseConnection, { description: "Survey responses, newest first." })
  async surveyResponses(
    @Args() args: SurveyResponsesArgs,
    @Ctx() ctx: Context,
  ): Promise<Page<SurveyResponse>> {
    const page = await ctx.services.surveyResponses.list({
      ...args,
      score: args.score ? { ...args.score, kind: args.score.score as ScoreKind } : null,
    });
    return { ...page, edges: page.edges.map((e) => ({ ...e, node: toSurveyResponse(e.node) })) };
  }

  @FieldResolver(() => Customer, { nullable: true, description: "The customer who answered." })
  customer(@Root() r: SurveyResponse, @Ctx() ctx: Context) {
    return ctx.loaders.customerById.load(r.customerId);
  }

  @Authorized("customers:read")
  @Query(() => [SurveyScorePeriod], {
    description:
      "NPS, CSAT and CES with counts and confidence, per month or week (every period in the range, empty ones included) or for the whole range.",
  })
  surveyScores(@Args() args: SurveyScoresArgs, @Ctx() ctx: Context) {
    return ctx.services.surveyScores.scores(args.surveyId, args);
  }

  @Authorized("customers:read")
  @Query(() => SurveyKeywords, {
    description: "The most frequent words in the answers to an open-text question.",
  })
  surveyKeywords(@Args() args: SurveyKeywordsArgs, @Ctx() ctx: Context) {
    return ctx.services.surveyScores.keywords(args.surveyId, args);
  }
}

@Resolver()
export class SurveyInvitationsResolver {
  @Authorized("surveys:manage")
  @Mutation(() => SurveyInvitationBatch, {
    description:
      "Creates single-use, expiring invitation links, one per customer. The tokens and links are returned now and never again (only their hashes are stored).",
  })
  createSurveyInvitations(
    @Arg("input", { description: "Who to invite and for how long." }) input: SurveyInvitationsInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.surveyInvitations.create(requestActor(ctx), input, ctx.origin);
  }

  @Authorized("surveys:manage")
  @Mutation(() => String, {
    description:
      "Creates invitations like createSurveyInvitations and returns them as CSV (customer_id, external_id, email, name, locale, link, expires_at) for a mail merge.",
  })
  exportSurveyInvitations(
    @Arg("input", { description: "Who to invite and for how long." }) input: SurveyInvitationsInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.surveyInvitations.exportCsv(requestActor(ctx), input, ctx.origin);
  }

  @Query(() => HostedSurvey, {
    description:
      "Public (no sign-in): the survey an invitation link opens, in the customer's locale. NOT_FOUND for an unknown token; CONFLICT TOKEN_USED, TOKEN_EXPIRED, or a reason the customer cannot respond (SURVEY_NOT_ACTIVE, ALREADY_RESPONDED, ...).",
  })
  async surveyByToken(
    @Arg("token", { description: "The token of the link (/s/<token>)." }) token: string,
    @Ctx() ctx: Context,
    @Arg("locale", () => String, {
      nullable: true,
      description: "Show it in this locale instead (if the survey has it).",
    })
    locale?: string,
  ): Promise<HostedSurvey> {
    const found = await ctx.services.surveyInvitations.surveyByToken(token, locale);
    return {
      survey: renderSurvey(found.survey.definition, found.locale),
      expiresAt: found.expiresAt,
    };
  }

  @Mutation(() => SurveySubmission, {
    description:
      "Public (no sign-in): answers the survey of an invitation link and spends the link. Errors as surveyByToken, plus BAD_USER_INPUT per answer; nothing is stored on failure.",
  })
  async submitSurveyByToken(
    @Arg("token", { description: "The token of the link." }) token: string,
    @Arg("answers", () => GraphQLJSONObject, { description: "Answers keyed by question id." })
    answers: object,
    @Ctx() ctx: Context,
    @Arg("locale", () => String, {
      nullable: true,
      description: "The locale answered in (as surveyByToken returned it).",
    })
    locale?: string,
  ): Promise<SurveySubmission> {
    const response = await ctx.services.surveyInvitations.submitByToken(token, answers, locale);
    return { submittedAt: response.submittedAt, loyaltyPoints: response.loyaltyPoints };
  }
}
