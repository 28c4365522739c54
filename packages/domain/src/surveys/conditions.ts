import type { Question, ShowIf, SurveyDefinition } from "./definition";
import { checkAnswer, isBlankAnswer, type AnswerValue } from "./answers";
import type { DefinitionProblem } from "./problems";
import { onScale, scaleOf } from "./scales";

/** Whether a (valid) answer to the referenced question satisfies the condition. */
export function conditionHolds(showIf: ShowIf, answer: AnswerValue): boolean {
  switch (showIf.op) {
    case "lte":
      return typeof answer === "number" && answer <= showIf.value;
    case "gte":
      return typeof answer === "number" && answer >= showIf.value;
    case "eq":
      return answer === showIf.value;
    case "in": {
      const values: readonly (number | string)[] = showIf.value;
      return Array.isArray(answer)
        ? answer.some((a) => values.includes(a))
        : (typeof answer === "number" || typeof answer === "string") && values.includes(answer);
    }
  }
}

/**
 * The questions a respondent sees given their answers, in order. A question with showIf is
 * visible only when the question it refers to is itself visible and has a valid answer that
 * satisfies the condition: an unanswered, invalid or hidden answer hides the follow-up, so
 * hiding cascades down a chain of follow-ups.
 */
export function visibleQuestions(def: SurveyDefinition, answers: unknown): Question[] {
  const given = typeof answers === "object" && answers !== null ? answers : {};
  const valid = new Map<string, AnswerValue>();
  const visible: Question[] = [];
  for (const q of def.questions) {
    if (q.showIf) {
      const answer = valid.get(q.showIf.questionId);
      if (answer === undefined || !conditionHolds(q.showIf, answer)) continue;
    }
    visible.push(q);
    const raw: unknown = Object.hasOwn(given, q.id)
      ? (given as Record<string, unknown>)[q.id]
      : undefined;
    if (isBlankAnswer(raw)) continue;
    const checked = checkAnswer(q, raw);
    if (checked.ok) valid.set(q.id, checked.value);
  }
  return visible;
}

const TYPE_NAMES: Record<Question["type"], string> = {
  nps: "an NPS",
  csat: "a CSAT",
  ces: "a CES",
  rating: "a rating",
  single_choice: "a single-choice",
  multiple_choice: "a multiple-choice",
  open_text: "an open-text",
  yes_no: "a yes/no",
};

/** What operators and values a condition on `target` may use (`path` is the showIf's). */
export function checkCondition(
  showIf: ShowIf,
  target: Question,
  path: string,
): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const incompatible = (message: string) =>
    problems.push({
      path: `${path}.op`,
      code: "INCOMPATIBLE_CONDITION",
      message: `${TYPE_NAMES[target.type]} question ${message}`,
    });
  const values: readonly unknown[] = Array.isArray(showIf.value) ? showIf.value : [showIf.value];
  const valuePath = (i: number) => (showIf.op === "in" ? `${path}.value[${i}]` : `${path}.value`);

  const scale = scaleOf(target);
  if (scale) {
    if (values.some((v) => typeof v !== "number")) {
      incompatible("is compared with numbers");
      return problems;
    }
    values.forEach((v, i) => {
      const n = v as number;
      const ok =
        showIf.op === "lte" || showIf.op === "gte"
          ? n >= scale.min && n <= scale.max
          : onScale(n, scale);
      if (!ok)
        problems.push({
          path: valuePath(i),
          code: "OUT_OF_RANGE",
          message: `must be a whole number from ${scale.min} to ${scale.max}`,
        });
    });
    return problems;
  }

  switch (target.type) {
    case "open_text":
      incompatible("cannot be a condition: its answers are free text");
      return problems;
    case "yes_no":
      if (showIf.op !== "eq" || typeof showIf.value !== "boolean")
        incompatible("is matched with eq true or eq false");
      return problems;
    case "single_choice":
    case "multiple_choice": {
      const ops = target.type === "single_choice" ? ["eq", "in"] : ["in"];
      if (!ops.includes(showIf.op) || values.some((v) => typeof v !== "string")) {
        incompatible(
          target.type === "single_choice"
            ? "is matched with eq or in and option ids"
            : "is matched with in and option ids (any of them selected)",
        );
        return problems;
      }
      values.forEach((v, i) => {
        if (!target.options.some((o) => o.id === v))
          problems.push({
            path: valuePath(i),
            code: "UNKNOWN_OPTION",
            message: `"${String(v)}" is not an option of question ${target.id}`,
          });
      });
      return problems;
    }
    default:
      return problems;
  }
}
