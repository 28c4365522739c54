import { onBeforeUnmount, ref, shallowRef, toValue, watch, type MaybeRefOrGetter } from "vue";
import { useClientHandle } from "@urql/vue";
import type { CombinedError } from "@urql/core";
import { graphql } from "@/graphql/generated";
import type { SimulateEarningQuery as SimulationResult } from "@/graphql/generated/graphql";
import { hasErrorCode } from "@/graphql/errors";
import { rowKey, toMinor, type FormProblem } from "./program-form";
import { savedProblems } from "./use-program-editor";

export const SimulateEarningQuery = graphql(`
  query SimulateEarning($config: JSONObject!, $order: SimulatedOrderInput!) {
    simulateEarning(config: $config, order: $order) {
      unit
      earned
      pending
      completedCards
      unlockedThresholds
      explanation
      entries {
        kind
        amount
        pendingDelta
        reason
      }
    }
  }
`);

export type Simulation = SimulationResult["simulateEarning"];

export const SIMULATE_DEBOUNCE_MS = 400;

/** One line of the sample order, amount in currency units. */
export interface SampleLine {
  key: number;
  category: string;
  amount: number | null;
}

export const sampleLine = (category = "", amount: number | null = null): SampleLine => ({
  key: rowKey(),
  category,
  amount,
});

/** The sample order as the API takes it; lines without an amount are left out. */
export function sampleOrder(lines: readonly SampleLine[], currency: string) {
  return {
    currency,
    lines: lines
      .filter((l) => l.amount !== null && Number.isFinite(l.amount) && l.amount >= 0)
      .map((l, i) => ({
        productId: `sample-${i + 1}`,
        quantity: 1,
        amountMinor: toMinor(l.amount, currency)!,
        category: l.category.trim() || null,
      })),
  };
}

export interface SimulatorOptions {
  /** The draft config, or null while the form has problems (nothing is asked then). */
  config: MaybeRefOrGetter<Record<string, unknown> | null>;
  currency: MaybeRefOrGetter<string>;
  lines: MaybeRefOrGetter<readonly SampleLine[]>;
  /** Problems the API found in the config, to show at their fields. */
  onProblems?: (problems: FormProblem[]) => void;
}

/**
 * What the sample order would earn under the form's configuration, asked once the form and
 * the order have been still for SIMULATE_DEBOUNCE_MS; only the latest answer counts.
 */
export function useEarningSimulator(options: SimulatorOptions) {
  const { client } = useClientHandle();
  const simulation = shallowRef<Simulation | null>(null);
  /** Waiting for typing to stop or for the answer. */
  const pending = ref(false);
  const error = shallowRef<CombinedError | null>(null);
  /** The API's problems with the sample order itself (`order.lines[0].amountMinor`). */
  const orderProblems = shallowRef<FormProblem[]>([]);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;

  async function run(config: Record<string, unknown>, order: ReturnType<typeof sampleOrder>) {
    const mine = ++generation;
    const result = await client
      .query(SimulateEarningQuery, { config, order }, { requestPolicy: "network-only" })
      .toPromise();
    if (mine !== generation) return;
    pending.value = false;
    if (result.data) {
      error.value = null;
      orderProblems.value = [];
      simulation.value = result.data.simulateEarning;
    } else if (result.error && hasErrorCode(result.error, "BAD_USER_INPUT")) {
      const problems = savedProblems(result.error);
      error.value = null;
      simulation.value = null;
      orderProblems.value = problems.filter((p) => p.path.startsWith("order"));
      options.onProblems?.(problems.filter((p) => p.path.startsWith("config")));
    } else error.value = result.error ?? null;
  }

  watch(
    () => {
      const config = toValue(options.config);
      const order = sampleOrder(toValue(options.lines), toValue(options.currency));
      return { config, order, key: JSON.stringify([config, order]) };
    },
    (next, previous) => {
      if (previous && next.key === previous.key) return;
      clearTimeout(timer);
      generation += 1;
      if (!next.config || next.order.lines.length === 0) {
        pending.value = false;
        simulation.value = null;
        return;
      }
      pending.value = true;
      const { config, order } = next;
      timer = setTimeout(() => void run(config, order), SIMULATE_DEBOUNCE_MS);
    },
    { immediate: true },
  );
  onBeforeUnmount(() => {
    clearTimeout(timer);
    generation += 1;
  });

  return { simulation, pending, error, orderProblems };
}
