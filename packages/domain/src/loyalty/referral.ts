import type { ConfigOf } from "./program";
import { pts } from "./earning";

/**
 * Referral rewards, due once, when the referee's first qualifying order completes: the first
 * order reaching the program's minimum (in the program's currency). Orders below the minimum
 * earn nothing and do not use up the reward: a later qualifying order still earns it. The
 * referrer is rewarded up to `maxPerReferrer` times; the referee still gets their reward when
 * the referrer has reached the limit (it is not the referee's doing).
 */
export function referralReward(
  config: ConfigOf<"referral">,
  args: {
    /** No earlier order of the referee qualified (nor was rewarded) in this program. */
    isRefereeFirstQualifyingOrder: boolean;
    /** In the program's currency; 0 for an order in another currency. */
    orderNetMinor: number;
    referrerRewardedCount: number;
  },
): { referrerPoints: number; refereePoints: number; explanation: string } {
  if (!args.isRefereeFirstQualifyingOrder)
    return {
      referrerPoints: 0,
      refereePoints: 0,
      explanation:
        "Only the referee's first qualifying order is rewarded: an earlier order already qualified",
    };
  if (args.orderNetMinor < config.minimumOrderMinor)
    return {
      referrerPoints: 0,
      refereePoints: 0,
      explanation: `The order (${args.orderNetMinor}) is below the minimum of ${config.minimumOrderMinor} (minor units): no referral reward yet; the referee's first qualifying order will earn it`,
    };
  const limited =
    config.maxPerReferrer !== undefined && args.referrerRewardedCount >= config.maxPerReferrer;
  const referrerPoints = limited ? 0 : config.referrerPoints;
  const parts = [`Referee: ${pts(config.refereePoints)}`];
  parts.push(
    limited
      ? `referrer: nothing, already rewarded for ${args.referrerRewardedCount} referrals (limit ${config.maxPerReferrer})`
      : `referrer: ${pts(referrerPoints)}`,
  );
  return { referrerPoints, refereePoints: config.refereePoints, explanation: parts.join("; ") };
}
