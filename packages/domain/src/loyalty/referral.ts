import type { ConfigOf } from "./program";
import { pts } from "./earning";

/**
 * Referral rewards, due once when the referee's first order completes and reaches the
 * minimum. The referrer is rewarded up to `maxPerReferrer` times; the referee still gets
 * their reward when the referrer has reached the limit (it is not the referee's doing).
 */
export function referralReward(
  config: ConfigOf<"referral">,
  args: { isRefereeFirstOrder: boolean; orderNetMinor: number; referrerRewardedCount: number },
): { referrerPoints: number; refereePoints: number; explanation: string } {
  if (!args.isRefereeFirstOrder)
    return {
      referrerPoints: 0,
      refereePoints: 0,
      explanation: "Only the referee's first order is rewarded",
    };
  if (args.orderNetMinor < config.minimumOrderMinor)
    return {
      referrerPoints: 0,
      refereePoints: 0,
      explanation: `The first order (${args.orderNetMinor}) is below the minimum of ${config.minimumOrderMinor} (minor units): no referral reward`,
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
