import { computed, reactive, ref } from "vue";
import { useClientHandle } from "@urql/vue";
import type { CombinedError } from "@urql/core";
import { graphql } from "@/graphql/generated";
import { apiErrorMessage, fieldProblems } from "@/graphql/errors";
import { isMoneyUnit } from "@/features/programs/reward-form";
import { toMinor } from "@/features/programs/program-form";
import type { LoyaltyAccount } from "./use-customer-loyalty";

export const AdjustBalanceMutation = graphql(`
  mutation AdjustBalance($input: AdjustBalanceInput!, $idempotencyKey: String) {
    adjustBalance(input: $input, idempotencyKey: $idempotencyKey) {
      id
      kind
      amount
      reason
    }
  }
`);

export interface AdjustModel {
  /** Signed, in the account's unit; currency units for credit and spend. */
  amount: number | null;
  reason: string;
}

export type AdjustError =
  | { kind: "insufficient"; balance: number; amount: number }
  | { kind: "fields"; fields: Record<string, string> }
  | { kind: "other"; message: string | null };

export const REASON_MAX = 500;

/** The amount in the ledger's unit (minor units for money). */
export function adjustAmount(account: LoyaltyAccount, amount: number | null): number | null {
  if (amount === null || !Number.isFinite(amount)) return null;
  return isMoneyUnit(account.unit)
    ? (toMinor(amount, account.program.currency) ?? null)
    : Math.trunc(amount);
}

/** What is wrong with the form before sending: the API's own rules. */
export function adjustProblems(
  account: LoyaltyAccount,
  model: AdjustModel,
): Partial<Record<"amount" | "reason", "amountRequired" | "reasonRequired" | "reasonTooLong">> {
  const problems: ReturnType<typeof adjustProblems> = {};
  const amount = adjustAmount(account, model.amount);
  if (amount === null || amount === 0) problems.amount = "amountRequired";
  if (!model.reason.trim()) problems.reason = "reasonRequired";
  else if (model.reason.length > REASON_MAX) problems.reason = "reasonTooLong";
  return problems;
}

export function sortAdjustError(
  error: CombinedError,
  balance: number,
  amount: number,
): AdjustError {
  const reason = error.graphQLErrors.find((e) => e.extensions?.code === "CONFLICT")?.extensions
    ?.reason;
  if (reason === "INSUFFICIENT_BALANCE") return { kind: "insufficient", balance, amount };
  const fields = fieldProblems(error);
  if (Object.keys(fields).length) return { kind: "fields", fields };
  return { kind: "other", message: apiErrorMessage(error) };
}

const newKey = () =>
  globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;

/**
 * A manual correction of one account's balance, with its required reason. Each opening of
 * the dialog gets its own idempotency key, so a retry after a lost answer adjusts only once.
 */
export function useAdjustBalance(account: () => LoyaltyAccount | null) {
  const { client } = useClientHandle();
  const model = reactive<AdjustModel>({ amount: null, reason: "" });
  const attempted = ref(false);
  const saving = ref(false);
  const error = ref<AdjustError | null>(null);
  let key = newKey();

  const problems = computed(() => {
    const current = account();
    return current && attempted.value ? adjustProblems(current, model) : {};
  });

  function reset() {
    model.amount = null;
    model.reason = "";
    attempted.value = false;
    error.value = null;
    key = newKey();
  }

  async function submit(): Promise<boolean> {
    const current = account();
    if (!current) return false;
    attempted.value = true;
    error.value = null;
    if (Object.keys(adjustProblems(current, model)).length) return false;
    const amount = adjustAmount(current, model.amount)!;
    saving.value = true;
    const result = await client
      .mutation(AdjustBalanceMutation, {
        input: {
          programId: current.program.id,
          customerId: current.customerId,
          amount,
          reason: model.reason.trim(),
        },
        idempotencyKey: key,
      })
      .toPromise();
    saving.value = false;
    if (result.data) return true;
    if (result.error) {
      error.value = sortAdjustError(result.error, current.balance, amount);
      // The API answered, so nothing was written: the next try is a new request.
      if (result.error.graphQLErrors.length) key = newKey();
    }
    return false;
  }

  return { model, problems, saving, error, submit, reset };
}
