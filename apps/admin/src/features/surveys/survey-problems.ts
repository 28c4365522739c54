import type { ComputedRef, MaybeRefOrGetter } from "vue";
import { useI18n } from "vue-i18n";
import { useProblemsAt, useProgramProblemText } from "@/features/programs/problems";
import { languageLabel } from "./languages";
import type { FormProblem } from "./survey-draft";

/**
 * The builder's problems at their fields. The placement (a scope per form, fields that register
 * their paths, the rest listed above the form) is the program form's; survey problems carry the
 * domain's code as well, which is what their wording follows.
 */
export function useSurveyProblemsAt(
  paths: MaybeRefOrGetter<string | string[]>,
): ComputedRef<readonly FormProblem[]> {
  // The scope hands back the very problem objects it was given, codes included.
  return useProblemsAt(paths) as ComputedRef<readonly FormProblem[]>;
}

/** A survey problem in the interface language, by its code; else the shared wording. */
export function useSurveyProblemText() {
  const { t, locale } = useI18n();
  const generic = useProgramProblemText();
  return (p: FormProblem): string => {
    let m: RegExpExecArray | null;
    switch (p.code) {
      case "MISSING_TRANSLATION":
        return t("surveys.problems.missingTranslation", {
          language: languageLabel(p.path.split(".").pop() ?? "", locale.value),
        });
      case "UNDECLARED_LOCALE":
        return t("surveys.problems.undeclaredLocale");
      case "DUPLICATE_LOCALE":
        return t("surveys.problems.duplicateLocale");
      case "DUPLICATE_ID":
        return t("surveys.problems.duplicateId");
      case "TOO_FEW_OPTIONS":
        m = /at least (\d+)/.exec(p.message);
        return t("surveys.problems.tooFewOptions", { n: m?.[1] ?? 1 }, Number(m?.[1] ?? 1));
      case "INVALID_SELECTION_BOUNDS":
        if ((m = /number of options \((\d+)\)/.exec(p.message)))
          return t("surveys.problems.boundAboveOptions", { n: m[1]! });
        return t("surveys.problems.minAboveMax");
      case "UNKNOWN_QUESTION":
        return t("surveys.problems.unknownQuestion");
      case "FORWARD_REFERENCE":
        return t("surveys.problems.forwardReference");
      case "INCOMPATIBLE_CONDITION":
        return t("surveys.problems.incompatibleCondition");
      case "OUT_OF_RANGE":
        if ((m = /from (-?\d+) to (-?\d+)/.exec(p.message)))
          return t("surveys.problems.outOfRange", { min: m[1]!, max: m[2]! });
        return generic(p.message);
      case "UNKNOWN_OPTION":
        return t("surveys.problems.unknownOption");
      case "UNKNOWN_SEGMENT":
        return t("surveys.problems.unknownSegment");
      case "ANSWERED_QUESTION":
        return t("surveys.problems.answeredQuestion", { detail: p.message });
    }
    if (/^must be 1 to 64 letters/.test(p.message)) return t("surveys.problems.idPattern");
    if (/^must be a language tag/.test(p.message)) return t("surveys.problems.localeTag");
    return generic(p.message);
  };
}
