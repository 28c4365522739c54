import { trouw, TrouwError } from "./trouw-client.mjs";

const rewardId = process.env.REWARD_ID;
try {
  const { redeemReward } = await trouw(
    `mutation ($input: RedeemRewardInput!, $key: String) {
      redeemReward(input: $input, idempotencyKey: $key) { id code cost status }
    }`,
    { input: { customerExternalId: "CUST-1001", rewardId }, key: `redeem-${rewardId}-1` },
  );
  console.log(JSON.stringify(redeemReward));
} catch (err) {
  // A refusal is a CONFLICT with a reason: INSUFFICIENT_BALANCE, OUT_OF_STOCK, LIMIT_REACHED, ...
  if (err instanceof TrouwError && err.code === "CONFLICT") console.error(`refused: ${err.reason}`);
  throw err;
}
