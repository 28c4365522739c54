import {
  computed,
  inject,
  onBeforeUnmount,
  provide,
  reactive,
  toValue,
  watch,
  type InjectionKey,
  type MaybeRefOrGetter,
  type Ref,
} from "vue";
import { useI18n } from "vue-i18n";
import type { FormProblem } from "./program-form";

/**
 * Problems of a form, placed on the fields that show them. Each field registers the paths it
 * shows (`config.tiers[1].threshold`); a problem no rendered field shows is "unplaced" and
 * listed above the form, so nothing the API says gets lost.
 */
interface ProblemScope {
  problems: Ref<readonly FormProblem[]>;
  register(id: number, paths: string[]): void;
  unregister(id: number): void;
}

const ScopeKey: InjectionKey<ProblemScope> = Symbol("problem-scope");
let nextId = 0;

export function provideProblemScope(problems: Ref<readonly FormProblem[]>) {
  const fields = reactive(new Map<number, string[]>());
  provide(ScopeKey, {
    problems,
    register: (id, paths) => void fields.set(id, paths),
    unregister: (id) => void fields.delete(id),
  });
  const placed = computed(() => new Set([...fields.values()].flat()));
  return {
    unplaced: computed(() => problems.value.filter((p) => !placed.value.has(p.path))),
  };
}

/** The problems at these paths, from the nearest problem scope (none outside a form). */
export function useProblemsAt(paths: MaybeRefOrGetter<string | string[]>) {
  const scope = inject(ScopeKey, null);
  const id = ++nextId;
  const list = computed(() => {
    const value = toValue(paths);
    return Array.isArray(value) ? value : [value];
  });
  if (scope) {
    // Parents pass path lists inline (a new array each render): register only real changes.
    watch(
      () => list.value.join("\n"),
      () => scope.register(id, list.value),
      { immediate: true },
    );
    onBeforeUnmount(() => scope.unregister(id));
  }
  return computed(() =>
    scope ? scope.problems.value.filter((p) => list.value.includes(p.path)) : [],
  );
}

/** A blank that only needs filling in, not a wrong value. */
export function isBlankProblem(message: string): boolean {
  return /expected \w+, received (undefined|null|NaN)|expected string to have >=1 characters|expected array to have >=1 items|^must not be empty$|^category required$/i.test(
    message,
  );
}

/**
 * Problems in the interface language where the wording is known; `bound` turns a limit the
 * domain states in its own unit (minor units, basis points) into the unit the field shows.
 * Anything else is the domain's or the API's message, shown as written.
 */
export function useProgramProblemText() {
  const { t } = useI18n();
  return (message: string, bound: (n: number) => string = String): string => {
    let m: RegExpExecArray | null;
    if (isBlankProblem(message)) {
      if (/items/.test(message)) return t("programs.problems.addOne");
      return t("programs.problems.required");
    }
    if ((m = /expected number to be >(\d+(?:\.\d+)?)$/.exec(message)))
      return t("programs.problems.above", { n: bound(Number(m[1])) });
    if ((m = /expected number to be >=(-?\d+(?:\.\d+)?)$/.exec(message)))
      return t("programs.problems.atLeast", { n: bound(Number(m[1])) });
    if ((m = /expected number to be <=(\d+(?:\.\d+)?)$/.exec(message)))
      return t("programs.problems.atMost", { n: bound(Number(m[1])) });
    if ((m = /expected (?:string|array) to have <=(\d+)/.exec(message)))
      return t("programs.problems.tooLong", { n: m[1]! });
    if (/expected int, received number/.test(message)) return t("programs.problems.whole");
    if (/^at most two decimals$/.test(message)) return t("programs.problems.twoDecimals");
    if (/^use 1-40 lowercase letters/.test(message)) return t("programs.problems.code");
    if (/^the first tier must start at 0/.test(message)) return t("programs.problems.firstTier");
    if ((m = /^must be above the previous .*\((\d+)\)/.exec(message)))
      return t("programs.problems.ascending", { n: bound(Number(m[1])) });
    if ((m = /^"(.*)" is already used by/.exec(message)))
      return t("programs.problems.duplicateCode", { code: m[1]! });
    if ((m = /^duplicates the category "(.*)"$/.exec(message)))
      return t("programs.problems.duplicateCategory", { category: m[1]! });
    if (/^no leading or trailing spaces/.test(message)) return t("programs.problems.spaces");
    if (/^must be an ISO 4217 code/.test(message)) return t("programs.problems.currency");
    if (/^must be after validFrom$/.test(message)) return t("programs.problems.validUntil");
    if (/^must be after startsAt$/.test(message)) return t("programs.problems.endsAt");
    if (/^must be between 1 and 100 with at most two decimals$/.test(message))
      return t("programs.problems.multiplierRange");
    if (/^a campaign needs a multiplier above 1 or bonus points$/.test(message))
      return t("programs.problems.campaignExtra");
    if (/^must be a (non-negative|positive) whole number$/.test(message))
      return t("programs.problems.whole");
    if (/^no such segment$/.test(message)) return t("programs.problems.noSegment");
    if (/^a discount amount needs its value/.test(message))
      return t("programs.problems.discountValue");
    if (/^a percent discount needs a percent/.test(message))
      return t("programs.problems.discountPercent");
    return message.charAt(0).toUpperCase() + message.slice(1);
  };
}
