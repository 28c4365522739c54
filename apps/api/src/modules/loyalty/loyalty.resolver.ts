import {
  Arg,
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  Float,
  ID,
  InputType,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import { GraphQLJSONObject } from "graphql-scalars";
import { programUnit, type LedgerKind, type ProgramStatus, type ProgramType } from "@trouw/domain";
import { requestActor, type Context } from "../../context";
import {
  LedgerKindEnum,
  ProgramStatusEnum,
  ProgramTypeEnum,
  type Page,
} from "../../common/graphql-types";
import { PageArgsType } from "../customers/customers.resolver";
import { Customer } from "../customers/customers.types";
import type { CustomerEntity } from "../customers/customer.entity";
import type { LoyaltyAccountView } from "./loyalty.service";
import type { CampaignRow, ProgramRow, RewardRow } from "./rows";
import {
  CampaignInput,
  EarningSimulation,
  LedgerCheck,
  LedgerEntryConnection,
  LedgerEntry,
  LoyaltyAccount,
  LoyaltyCampaign,
  LoyaltyMaintenanceReport,
  LoyaltyProgram,
  LoyaltyProgramConnection,
  LoyaltyProgramInput,
  Redemption,
  RedemptionConnection,
  ReorderReminder,
  Reward,
  RewardInput,
  SimulatedOrderInput,
} from "./loyalty.types";

const KEY_DESCRIPTION =
  "Send the same key when retrying: the first result is returned and nothing is written twice.";

export const toProgram = (p: ProgramRow): LoyaltyProgram => ({
  ...p,
  unit: programUnit(p.type),
  config: p.config,
});

const toReward = (r: RewardRow): Reward => ({
  ...r,
  tierCodes: r.eligibility.tierCodes,
  segmentIds: r.eligibility.segmentIds,
});

const toCampaign = (c: CampaignRow): LoyaltyCampaign => c;

export const toAccount = (v: LoyaltyAccountView): LoyaltyAccount => ({
  program: toProgram(v.program),
  customerId: v.account.customerId,
  status: v.account.status,
  unit: programUnit(v.program.type),
  balance: v.account.balance,
  pending: v.account.pending,
  lifetimeEarned: v.account.lifetimeEarned,
  tier: v.tier,
  punchesRequired: v.punchesRequired,
  completedCards: v.account.completedCards,
  creditAvailable: v.creditAvailable,
  membershipState: v.membershipState,
  membershipPeriodEnd: v.account.membership?.periodEnd ?? null,
  expiringSoon: v.expiringSoon,
  reachedThresholds: v.account.reachedThresholds,
  enrolledAt: v.account.enrolledAt,
  lastActivityAt: v.account.lastActivityAt,
});

@ArgsType()
class ProgramsArgs extends PageArgsType {
  @Field(() => ProgramStatusEnum, { description: "Only programs in this status.", nullable: true })
  status?: ProgramStatus | null;

  @Field(() => ProgramTypeEnum, { description: "Only programs of this type.", nullable: true })
  type?: ProgramType | null;

  @Field(() => String, { nullable: true, description: "Part of the name." })
  search?: string | null;
}

@ArgsType()
class LedgerArgs extends PageArgsType {
  @Field(() => ID, { description: "Only this customer's entries.", nullable: true })
  customerId?: string | null;

  @Field(() => ID, { description: "Only this program's entries.", nullable: true })
  programId?: string | null;

  @Field(() => [LedgerKindEnum], { description: "Only entries of these kinds.", nullable: true })
  kinds?: LedgerKind[] | null;

  @Field(() => Date, { nullable: true, description: "Recorded at or after." })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: "Recorded before." })
  to?: Date | null;
}

@ArgsType()
class RedemptionsArgs extends PageArgsType {
  @Field(() => ID, { description: "Only this customer's redemptions.", nullable: true })
  customerId?: string | null;

  @Field(() => ID, { description: "Only this program's redemptions.", nullable: true })
  programId?: string | null;
}

@InputType({ description: "Identifies a customer by Trouw id or by external id." })
class LoyaltyCustomerInput {
  @Field(() => ID, { nullable: true, description: "Trouw customer id; or customerExternalId." })
  customerId?: string | null;

  @Field(() => String, {
    description: "Your id for the customer; or give customerId.",
    nullable: true,
  })
  customerExternalId?: string | null;
}

@InputType({ description: "A customer redeeming a reward." })
class RedeemRewardInput extends LoyaltyCustomerInput {
  @Field(() => ID, { description: "The reward." })
  rewardId: string;
}

@InputType({
  description:
    "A manual correction of a customer's balance in one program, written to the ledger with its reason.",
})
class AdjustBalanceInput extends LoyaltyCustomerInput {
  @Field(() => ID, { description: "The program whose balance to adjust." })
  programId: string;

  @Field(() => Int, { description: "Positive to credit, negative to debit." })
  amount: number;

  @Field({ description: "Why: required, kept in the ledger." })
  reason: string;
}

@InputType({ description: "Sets a customer's tier by hand until a date." })
class TierOverrideInput extends LoyaltyCustomerInput {
  @Field(() => ID, { description: "The program." })
  programId: string;

  @Field(() => String, { nullable: true, description: "Tier to hold; null removes the override." })
  tierCode?: string | null;

  @Field(() => Date, { nullable: true, description: "Required when holding a tier." })
  until?: Date | null;

  @Field({ description: "Why (written to the ledger)." })
  reason: string;
}

@InputType({
  description:
    "Bonus points for one customer in one program, with the reason (written to the ledger).",
})
class AwardBonusInput extends LoyaltyCustomerInput {
  @Field(() => ID, { description: "The program to award the bonus in." })
  programId: string;

  @Field({
    description:
      "signup, birthday, survey_answered, referral, or a custom bonus code of the program.",
  })
  action: string;
}

@Resolver(() => LoyaltyProgram)
export class LoyaltyProgramsResolver {
  @Authorized("customers:read")
  @Query(() => LoyaltyProgramConnection, { description: "Loyalty programs, newest first." })
  async loyaltyPrograms(@Args() args: ProgramsArgs, @Ctx() ctx: Context) {
    const page = await ctx.services.programs.list(args);
    return { ...page, edges: page.edges.map((e) => ({ ...e, node: toProgram(e.node) })) };
  }

  @Authorized("customers:read")
  @Query(() => LoyaltyProgram, { description: "A loyalty program." })
  async loyaltyProgram(
    @Arg("id", () => ID, { description: "The program." }) id: string,
    @Ctx() ctx: Context,
  ) {
    return toProgram(await ctx.services.programs.get(id));
  }

  @Authorized("programs:manage")
  @Mutation(() => LoyaltyProgram, { description: "Creates a program as a draft." })
  async createLoyaltyProgram(
    @Arg("input", { description: "The program; its config is validated by its type." })
    input: LoyaltyProgramInput,
    @Ctx() ctx: Context,
  ) {
    return toProgram(await ctx.services.programs.create(requestActor(ctx), input));
  }

  @Authorized("programs:manage")
  @Mutation(() => LoyaltyProgram, {
    description: "Changes a program's name, dates or configuration (a new version).",
  })
  async updateLoyaltyProgram(
    @Arg("id", () => ID, { description: "The program." }) id: string,
    @Arg("input", { description: "The new settings." }) input: LoyaltyProgramInput,
    @Ctx() ctx: Context,
    @Arg("expectedVersion", () => Int, {
      nullable: true,
      description: "Refuse with CONFLICT if someone saved in between.",
    })
    expectedVersion?: number,
  ) {
    return toProgram(await ctx.services.programs.update(id, input, expectedVersion));
  }

  @Authorized("programs:manage")
  @Mutation(() => LoyaltyProgram, {
    description: "draft → active ↔ paused → archived. Archived is final.",
  })
  async setLoyaltyProgramStatus(
    @Arg("id", () => ID, { description: "The program." }) id: string,
    @Arg("status", () => ProgramStatusEnum, { description: "The new status." })
    status: ProgramStatus,
    @Ctx() ctx: Context,
  ) {
    return toProgram(await ctx.services.programs.setStatus(id, status));
  }

  @FieldResolver(() => [Reward], { description: "Rewards that can be redeemed in this program." })
  async rewards(
    @Root() p: LoyaltyProgram,
    @Ctx() ctx: Context,
    @Arg("includeArchived", { description: "Also list archived rewards.", defaultValue: false })
    includeArchived: boolean,
  ) {
    const rewards = await ctx.loaders.programRewards.load(p.id);
    return rewards.filter((r) => includeArchived || r.status === "active").map(toReward);
  }

  @FieldResolver(() => [LoyaltyCampaign], { description: "The program's earning campaigns." })
  async campaigns(@Root() p: LoyaltyProgram, @Ctx() ctx: Context) {
    return (await ctx.loaders.programCampaigns.load(p.id)).map(toCampaign);
  }

  @FieldResolver(() => Int, { description: "Enrolled customers." })
  memberCount(@Root() p: LoyaltyProgram, @Ctx() ctx: Context) {
    return ctx.loaders.programMemberCount.load(p.id);
  }

  @Authorized("programs:manage")
  @Mutation(() => Reward, { description: "Adds a reward to a program." })
  async createReward(
    @Arg("programId", () => ID, { description: "The program." }) programId: string,
    @Arg("input", { description: "The reward." }) input: RewardInput,
    @Ctx() ctx: Context,
  ) {
    return toReward(await ctx.services.programs.createReward(programId, input));
  }

  @Authorized("programs:manage")
  @Mutation(() => Reward, { description: "Changes a reward." })
  async updateReward(
    @Arg("id", () => ID, { description: "The reward." }) id: string,
    @Arg("input", { description: "The new settings." }) input: RewardInput,
    @Ctx() ctx: Context,
  ) {
    return toReward(await ctx.services.programs.updateReward(id, input));
  }

  @Authorized("programs:manage")
  @Mutation(() => Reward, { description: "Stops offering a reward; issued codes stay valid." })
  async archiveReward(
    @Arg("id", () => ID, { description: "The reward." }) id: string,
    @Ctx() ctx: Context,
  ) {
    return toReward(await ctx.services.programs.archiveReward(id));
  }

  @Authorized("programs:manage")
  @Mutation(() => LoyaltyCampaign, { description: "Adds an earning campaign to a program." })
  async createLoyaltyCampaign(
    @Arg("programId", () => ID, { description: "The program." }) programId: string,
    @Arg("input", { description: "The campaign." }) input: CampaignInput,
    @Ctx() ctx: Context,
  ) {
    return toCampaign(await ctx.services.programs.createCampaign(programId, input));
  }

  @Authorized("programs:manage")
  @Mutation(() => LoyaltyCampaign, { description: "Changes a campaign." })
  async updateLoyaltyCampaign(
    @Arg("id", () => ID, { description: "The campaign." }) id: string,
    @Arg("input", { description: "The new settings." }) input: CampaignInput,
    @Ctx() ctx: Context,
  ) {
    return toCampaign(await ctx.services.programs.updateCampaign(id, input));
  }

  @Authorized("programs:manage")
  @Mutation(() => LoyaltyCampaign, {
    description: "Ends a campaign; its past effects stay in the ledger.",
  })
  async archiveLoyaltyCampaign(
    @Arg("id", () => ID, { description: "The campaign." }) id: string,
    @Ctx() ctx: Context,
  ) {
    return toCampaign(await ctx.services.programs.archiveCampaign(id));
  }

  @Authorized("customers:read")
  @Query(() => EarningSimulation, {
    description:
      "What an order would earn, and why: in a saved program (programId), a draft configuration (config), or a draft edit of a saved program (both; its campaigns for everyone apply).",
  })
  simulateEarning(
    @Arg("order", { description: "The order to simulate." }) order: SimulatedOrderInput,
    @Ctx() ctx: Context,
    @Arg("programId", () => ID, {
      description: "Simulate with this program's current configuration.",
      nullable: true,
    })
    programId?: string,
    @Arg("config", () => GraphQLJSONObject, {
      description: "A (draft) program configuration to simulate; or give programId.",
      nullable: true,
    })
    config?: object,
    @Arg("customerId", () => ID, {
      description: "Simulate for this customer (their tier and history count).",
      nullable: true,
    })
    customerId?: string,
    @Arg("tierCode", () => String, {
      nullable: true,
      description: "Tiered programs: earn as a member of this tier.",
    })
    tierCode?: string,
  ) {
    return ctx.services.loyalty.simulate({
      programId,
      config,
      tierCode,
      customer: customerId ? { customerId } : null,
      order: { ...order, orderId: "simulation" },
    });
  }

  @Authorized("programs:manage")
  @Query(() => LedgerCheck, { description: "Verifies that every balance equals its ledger sum." })
  async ledgerCheck(@Ctx() ctx: Context) {
    const mismatches = await ctx.services.loyalty.checkLedger();
    return { ok: mismatches.length === 0, mismatches };
  }

  @Authorized("programs:manage")
  @Mutation(() => LoyaltyMaintenanceReport, {
    description:
      "Runs loyalty upkeep now (it also runs on a schedule): unlock, expire, notices, tiers, anniversaries.",
  })
  runLoyaltyMaintenance(@Ctx() ctx: Context) {
    return ctx.services.loyaltyMaintenance.run();
  }
}

@Resolver(() => LoyaltyAccount)
export class LoyaltyAccountsResolver {
  @Authorized("customers:read")
  @Query(() => [LoyaltyAccount], { description: "A customer's balances, tiers and progress." })
  async loyaltyStatus(
    @Ctx() ctx: Context,
    @Arg("customerId", () => ID, { description: "Trouw's id for the customer.", nullable: true })
    customerId?: string,
    @Arg("customerExternalId", () => String, {
      description: "Your id for the customer; or give customerId.",
      nullable: true,
    })
    customerExternalId?: string,
  ) {
    return (await ctx.services.loyalty.status({ customerId, customerExternalId })).map(toAccount);
  }

  @Authorized("customers:read")
  @Query(() => LedgerEntryConnection, { description: "Ledger entries, newest first." })
  ledgerEntries(@Args() args: LedgerArgs, @Ctx() ctx: Context): Promise<Page<LedgerEntry>> {
    return ctx.services.loyalty.ledgerEntries(args);
  }

  @Authorized("customers:read")
  @Query(() => RedemptionConnection, { description: "Issued rewards, newest first." })
  redemptions(@Args() args: RedemptionsArgs, @Ctx() ctx: Context): Promise<Page<Redemption>> {
    return ctx.services.loyalty.redemptions(args);
  }

  @Authorized("customers:read")
  @Query(() => Reward, { description: "A reward." })
  async reward(
    @Arg("id", () => ID, { description: "The reward." }) id: string,
    @Ctx() ctx: Context,
  ) {
    return toReward(await ctx.services.programs.reward(id));
  }

  @Authorized("customers:read")
  @Query(() => [ReorderReminder], {
    description:
      "Regular buyers whose usual interval between orders has passed, most overdue first.",
  })
  reorderReminders(
    @Ctx() ctx: Context,
    @Arg("first", () => Int, {
      description: "How many customers to return, most overdue first.",
      nullable: true,
    })
    first?: number,
    @Arg("slackFactor", () => Float, {
      nullable: true,
      description: "Remind after interval × this (default 1).",
    })
    slackFactor?: number,
  ) {
    return ctx.services.loyalty.reorderDue({ first, slackFactor });
  }

  @Authorized("loyalty:write")
  @Mutation(() => LoyaltyAccount, {
    description: "Enrols a customer in a program (earning enrols automatically too).",
  })
  async enrolCustomer(
    @Arg("programId", () => ID, { description: "The program." }) programId: string,
    @Arg("customer", { description: "The customer." }) customer: LoyaltyCustomerInput,
    @Ctx() ctx: Context,
  ) {
    const account = await ctx.services.loyalty.enrol(requestActor(ctx), customer, programId);
    const views = await ctx.services.loyalty.status({ customerId: account.customerId });
    return toAccount(views.find((v) => v.program.id === account.programId)!);
  }

  @Authorized("loyalty:write")
  @Mutation(() => Boolean, { description: "Leaves the program; the ledger is kept." })
  async unenrolCustomer(
    @Arg("programId", () => ID, { description: "The program." }) programId: string,
    @Arg("customer", { description: "The customer." }) customer: LoyaltyCustomerInput,
    @Ctx() ctx: Context,
  ) {
    await ctx.services.loyalty.unenrol(customer, programId);
    return true;
  }

  @Authorized("loyalty:write")
  @Mutation(() => Redemption, {
    description:
      "Spends a customer's balance on a reward and issues a unique code. CONFLICT with extensions.reason (INSUFFICIENT_BALANCE, OUT_OF_STOCK, LIMIT_REACHED, NOT_ELIGIBLE...) when it cannot.",
  })
  redeemReward(
    @Arg("input", { description: "The customer and the reward." }) input: RedeemRewardInput,
    @Ctx() ctx: Context,
    @Arg("idempotencyKey", () => String, { nullable: true, description: KEY_DESCRIPTION })
    idempotencyKey?: string,
  ) {
    return ctx.services.loyalty.redeem(requestActor(ctx), input, idempotencyKey);
  }

  @Authorized("loyalty:write")
  @Mutation(() => Redemption, { description: "Cancels a redemption and restores the balance." })
  cancelRedemption(
    @Arg("id", () => ID, { description: "The redemption." }) id: string,
    @Arg("reason", { description: "Why it is cancelled." }) reason: string,
    @Ctx() ctx: Context,
    @Arg("idempotencyKey", () => String, { nullable: true, description: KEY_DESCRIPTION })
    idempotencyKey?: string,
  ) {
    return ctx.services.loyalty.cancelRedemption(requestActor(ctx), id, reason, idempotencyKey);
  }

  @Authorized("loyalty:write")
  @Mutation(() => Int, {
    description: "Credits a bonus action of the program; returns the points.",
  })
  awardBonus(
    @Arg("input", { description: "The customer, program, points and reason." })
    input: AwardBonusInput,
    @Ctx() ctx: Context,
    @Arg("idempotencyKey", () => String, { nullable: true, description: KEY_DESCRIPTION })
    idempotencyKey?: string,
  ) {
    return ctx.services.loyalty.awardBonus(requestActor(ctx), input, idempotencyKey);
  }

  @Authorized("loyalty:adjust")
  @Mutation(() => LedgerEntry, { description: "Manual correction by an admin, with a reason." })
  adjustBalance(
    @Arg("input", { description: "The customer, program, amount and reason." })
    input: AdjustBalanceInput,
    @Ctx() ctx: Context,
    @Arg("idempotencyKey", () => String, { nullable: true, description: KEY_DESCRIPTION })
    idempotencyKey?: string,
  ) {
    return ctx.services.loyalty.adjust(requestActor(ctx), input, idempotencyKey);
  }

  @Authorized("loyalty:adjust")
  @Mutation(() => LoyaltyAccount, {
    description: "Holds a tier until a date (or removes the hold); recorded in the ledger.",
  })
  async setTierOverride(
    @Arg("input", { description: "The customer, program, tier, end date and reason." })
    input: TierOverrideInput,
    @Ctx() ctx: Context,
  ) {
    const account = await ctx.services.loyalty.setTierOverride(requestActor(ctx), input);
    const views = await ctx.services.loyalty.status({ customerId: account.customerId });
    return toAccount(views.find((v) => v.program.id === account.programId)!);
  }
}

@Resolver(() => Customer)
export class CustomerLoyaltyResolver {
  @FieldResolver(() => [LoyaltyAccount], { description: "Balances, tiers and progress." })
  async loyalty(@Root() c: CustomerEntity, @Ctx() ctx: Context) {
    return (await ctx.services.loyalty.status({ customerId: c.id })).map(toAccount);
  }
}

@Resolver(() => ReorderReminder)
export class ReorderReminderResolver {
  @FieldResolver(() => Customer, { description: "The customer." })
  customer(@Root() r: ReorderReminder, @Ctx() ctx: Context) {
    return ctx.loaders.customerById.load(r.customerId);
  }
}
