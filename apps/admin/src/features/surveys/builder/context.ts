import { inject, provide, type InjectionKey, type Ref } from "vue";
import type { FormProblem, SurveyDraft } from "../survey-draft";

/** What the sections of the survey builder share. */
export interface SurveyBuilderContext {
  draft: Ref<SurveyDraft>;
  /** Every problem shown (for counts on folded questions). */
  problems: Ref<readonly FormProblem[]>;
  /** Questions customers may have answered: their id, type and options stay. */
  answeredIds: Ref<Set<string>>;
  answeredOptions: Ref<Map<string, Set<string>>>;
  disabled: Ref<boolean>;
}

const BuilderKey: InjectionKey<SurveyBuilderContext> = Symbol("survey-builder");

export function provideSurveyBuilder(context: SurveyBuilderContext) {
  provide(BuilderKey, context);
}

export function useSurveyBuilder(): SurveyBuilderContext {
  const context = inject(BuilderKey);
  if (!context) throw new Error("survey builder sections need provideSurveyBuilder()");
  return context;
}

/** The problems under one question (`questions[2]` and `questions[2]....`). */
export function problemsUnder(problems: readonly FormProblem[], prefix: string): FormProblem[] {
  return problems.filter(
    (p) => p.path === prefix || p.path.startsWith(`${prefix}.`) || p.path.startsWith(`${prefix}[`),
  );
}
