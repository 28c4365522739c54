import { useI18n } from "vue-i18n";
import type { NodeProblem } from "./rule-draft";

const within = (field: string, prefix: string) =>
  field === prefix || field.startsWith(`${prefix}.`) || field.startsWith(`${prefix}[`);

/** The problems inside one part of a condition's args, with that part's path taken off. */
export function problemsUnder(problems: readonly NodeProblem[], prefix: string): NodeProblem[] {
  return problems
    .filter((p) => within(p.field, prefix))
    .map((p) => ({ ...p, field: p.field.slice(prefix.length).replace(/^\./, "") }));
}

/** naive-ui's validation status for the input that edits `field`. */
export function statusOf(problems: readonly NodeProblem[], field: string): "error" | undefined {
  return problems.some((p) => within(p.field, field)) ? "error" : undefined;
}

/**
 * Problems in the interface language where the client knows them (empty inputs and the like);
 * other messages are the domain's or the API's, shown as written.
 */
export function useProblemText() {
  const { t } = useI18n();
  return (message: string, field = ""): string => {
    if (/(^|\.)segmentId$/.test(field) && /^Invalid/i.test(message))
      return t("segments.problems.chooseSegment");
    if (/expected (number|string), received (null|undefined|NaN)/i.test(message))
      return t("segments.problems.required");
    if (/^Invalid UUID/i.test(message)) return t("segments.problems.chooseSegment");
    if (/expected array to have >=1 items/i.test(message)) return t("segments.problems.chooseOne");
    if (/^must be a letter then letters, digits or _/.test(message))
      return t("segments.problems.attributeKey");
    return message.charAt(0).toUpperCase() + message.slice(1);
  };
}
