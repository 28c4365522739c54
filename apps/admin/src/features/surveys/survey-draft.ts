import {
  MAX_OPEN_TEXT_LENGTH,
  SURVEY_ID_PATTERN,
  scaleOf,
  validateSurveyDefinition,
  type ConditionOp,
  type LocalizedText,
  type Question,
  type QuestionType,
  type ShowIf,
  type SurveyDefinition,
  type SurveyStatus,
} from "@trouw/domain";

/**
 * The survey builder's model and its translation to and from the domain's survey definition.
 * The draft keeps what a person typed even where the definition has no room for it (texts of
 * a language taken off the list, the options of a question switched to another type), so
 * undoing a change brings the text back. Problems use the definition's paths
 * (`questions[2].title.nl`), so the domain's and the API's problems land on the same field.
 */

export interface FormProblem {
  path: string;
  message: string;
  /** The domain's or the API's problem code, when there is one. */
  code?: string;
}

let nextKey = 0;
/** A stable key for a question or option row (v-for), never sent anywhere. */
export const rowKey = () => ++nextKey;

export interface OptionDraft {
  key: number;
  id: string;
  label: LocalizedText;
}

export type ShowIfValue = number | boolean | string | (number | string)[] | null;

export interface ShowIfDraft {
  questionId: string;
  op: ConditionOp;
  value: ShowIfValue;
}

export interface QuestionDraft {
  key: number;
  id: string;
  type: QuestionType;
  required: boolean;
  title: LocalizedText;
  help: LocalizedText;
  showIf: ShowIfDraft | null;
  /** Rating: answers 1 to scale. */
  scale: number | null;
  /** Single and multiple choice. */
  options: OptionDraft[];
  minSelections: number | null;
  maxSelections: number | null;
  /** Open text: characters. */
  maxLength: number | null;
}

export interface SurveyDraft {
  title: LocalizedText;
  description: LocalizedText;
  audience: "everyone" | "segment";
  segmentId: string | null;
  allowMultipleResponses: boolean;
  quotaEnabled: boolean;
  responseQuota: number | null;
  defaultLocale: string;
  locales: string[];
  questions: QuestionDraft[];
}

export const DEFAULT_RATING_SCALE = 5;
export const DEFAULT_MAX_LENGTH = 1000;
/** Languages offered in the builder's picker; any other language tag can be typed. */
export const COMMON_LOCALES = ["en", "nl", "de", "fr", "es", "it"] as const;

/** Question ids people would recognise in an export, per type. */
const ID_BASE: Record<QuestionType, string> = {
  nps: "nps",
  csat: "csat",
  ces: "ces",
  rating: "rating",
  single_choice: "choice",
  multiple_choice: "choices",
  open_text: "comment",
  yes_no: "yes_no",
};

/** `base`, else `base_2`, `base_3`… whichever is not in `taken`. */
export function uniqueId(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}_${n}`)) return `${base}_${n}`;
}

const option = (id: string): OptionDraft => ({ key: rowKey(), id, label: {} });

/** A question of `type` with a fresh id, required unless it is open text. */
export function newQuestion(
  type: QuestionType,
  takenIds: Iterable<string>,
  title: LocalizedText = {},
): QuestionDraft {
  return {
    key: rowKey(),
    id: uniqueId(ID_BASE[type], takenIds),
    type,
    required: type !== "open_text",
    title: { ...title },
    help: {},
    showIf: null,
    scale: DEFAULT_RATING_SCALE,
    options: [option("option_1"), option("option_2")],
    minSelections: null,
    maxSelections: null,
    maxLength: DEFAULT_MAX_LENGTH,
  };
}

/** A blank survey in `locales` (the first is the default) with one NPS question. */
export function newDraft(locales: string[] = ["en", "nl"], npsTitle: LocalizedText = {}) {
  const draft: SurveyDraft = {
    title: {},
    description: {},
    audience: "everyone",
    segmentId: null,
    allowMultipleResponses: false,
    quotaEnabled: false,
    responseQuota: null,
    defaultLocale: locales[0] ?? "en",
    locales: [...locales],
    questions: [],
  };
  draft.questions.push(newQuestion("nps", [], npsTitle));
  return draft;
}

const copy = (text: LocalizedText | undefined): LocalizedText => ({ ...(text ?? {}) });

/** The form for a saved definition. */
export function draftFrom(def: SurveyDefinition): SurveyDraft {
  return {
    title: copy(def.title),
    description: copy(def.description),
    audience: def.audience.kind,
    segmentId: def.audience.kind === "segment" ? def.audience.segmentId : null,
    allowMultipleResponses: def.allowMultipleResponses,
    quotaEnabled: def.responseQuota !== undefined,
    responseQuota: def.responseQuota ?? null,
    defaultLocale: def.defaultLocale,
    locales: [...def.locales],
    questions: def.questions.map(questionDraft),
  };
}

function questionDraft(q: Question): QuestionDraft {
  const d: QuestionDraft = {
    ...newQuestion(q.type, []),
    id: q.id,
    required: q.required,
    title: copy(q.title),
    help: copy(q.help),
    showIf: q.showIf
      ? {
          questionId: q.showIf.questionId,
          op: q.showIf.op,
          value: Array.isArray(q.showIf.value) ? [...q.showIf.value] : q.showIf.value,
        }
      : null,
  };
  if (q.type === "rating") d.scale = q.scale;
  if (q.type === "single_choice" || q.type === "multiple_choice")
    d.options = q.options.map((o) => ({ key: rowKey(), id: o.id, label: copy(o.label) }));
  if (q.type === "multiple_choice") {
    d.minSelections = q.minSelections ?? null;
    d.maxSelections = q.maxSelections ?? null;
  }
  if (q.type === "open_text") d.maxLength = q.maxLength;
  return d;
}

/** The texts of the survey's languages, trimmed; a blank one stays so the domain names it. */
function textOf(text: LocalizedText, locales: readonly string[]): LocalizedText {
  return Object.fromEntries(locales.map((l) => [l, (text[l] ?? "").trim()]));
}

/** An optional text (description, help): left out when blank in every language. */
function optionalText(text: LocalizedText, locales: readonly string[]) {
  const texts = textOf(text, locales);
  return Object.values(texts).some(Boolean) ? texts : undefined;
}

const num = (v: number | null) => (v === null || !Number.isFinite(v) ? undefined : v);

function showIfOf(s: ShowIfDraft): Record<string, unknown> {
  return { questionId: s.questionId, op: s.op, value: s.value ?? undefined };
}

function questionOf(q: QuestionDraft, locales: readonly string[]): Record<string, unknown> {
  const help = optionalText(q.help, locales);
  const out: Record<string, unknown> = {
    id: q.id.trim(),
    type: q.type,
    required: q.required,
    title: textOf(q.title, locales),
    ...(help ? { help } : {}),
    ...(q.showIf ? { showIf: showIfOf(q.showIf) } : {}),
  };
  switch (q.type) {
    case "rating":
      out.scale = num(q.scale);
      break;
    case "single_choice":
    case "multiple_choice":
      out.options = q.options.map((o) => ({ id: o.id.trim(), label: textOf(o.label, locales) }));
      if (q.type === "multiple_choice") {
        if (q.minSelections !== null) out.minSelections = num(q.minSelections);
        if (q.maxSelections !== null) out.maxSelections = num(q.maxSelections);
      }
      break;
    case "open_text":
      out.maxLength = num(q.maxLength);
      break;
  }
  return out;
}

/**
 * The definition the draft stands for, without `status` (the lifecycle owns it). Unparsed on
 * purpose: blanks stay in, so the domain's validation names what is missing.
 */
export function toDefinition(d: SurveyDraft): Record<string, unknown> {
  const description = optionalText(d.description, d.locales);
  return {
    title: textOf(d.title, d.locales),
    ...(description ? { description } : {}),
    audience:
      d.audience === "segment"
        ? { kind: "segment", segmentId: d.segmentId ?? undefined }
        : { kind: "everyone" },
    allowMultipleResponses: d.allowMultipleResponses,
    ...(d.quotaEnabled ? { responseQuota: num(d.responseQuota) } : {}),
    defaultLocale: d.defaultLocale,
    locales: [...d.locales],
    questions: d.questions.map((q) => questionOf(q, d.locales)),
  };
}

/** Every problem of the draft, with the definition's paths, as the API would find them. */
export function draftProblems(d: SurveyDraft, status: SurveyStatus = "draft"): FormProblem[] {
  const problems: FormProblem[] = [];
  if (d.quotaEnabled && num(d.responseQuota) === undefined)
    problems.push({ path: "responseQuota", message: "must not be empty" });
  const result = validateSurveyDefinition({ ...toDefinition(d), status });
  if (!result.ok) problems.push(...result.problems);
  return problems;
}

/**
 * The draft as the preview shows it, problems and all: blanks stay blank, missing numbers take
 * their defaults, and a follow-up whose condition is unfinished or points at a question that is
 * not earlier stays hidden until it is fixed.
 */
export function previewDefinition(d: SurveyDraft): SurveyDefinition {
  const earlier = new Set<string>();
  const questions = d.questions.map((q) => {
    const out = questionOf(q, d.locales) as Record<string, unknown>;
    if (q.type === "rating")
      out.scale = Math.min(10, Math.max(3, Math.round(num(q.scale) ?? DEFAULT_RATING_SCALE)));
    if (q.type === "open_text") out.maxLength = num(q.maxLength) ?? DEFAULT_MAX_LENGTH;
    const showIf = showIfOfDraft(q.showIf);
    if (q.showIf)
      out.showIf =
        showIf && earlier.has(showIf.questionId)
          ? showIf
          : { questionId: "\u0000never", op: "eq", value: 0 };
    earlier.add(q.id);
    return out as unknown as Question;
  });
  const locales = d.locales.length ? d.locales : ["en"];
  return {
    ...(toDefinition(d) as unknown as SurveyDefinition),
    status: "draft",
    locales,
    defaultLocale: locales.includes(d.defaultLocale) ? d.defaultLocale : locales[0]!,
    questions,
  };
}

/** A blank that only needs filling in, not a wrong value. */
export function isBlankProblem(p: FormProblem): boolean {
  return (
    p.code === "MISSING_TRANSLATION" ||
    p.message === "must not be empty" ||
    /expected \w+, received (undefined|null|NaN)/.test(p.message)
  );
}

/** Moves a row of a list editor up (-1) or down (+1); false when it is already at the end. */
export function moveRow<T>(rows: T[], index: number, delta: -1 | 1): boolean {
  const to = index + delta;
  if (to < 0 || to >= rows.length) return false;
  const [row] = rows.splice(index, 1);
  rows.splice(to, 0, row!);
  return true;
}

/** Renames a question and the follow-up conditions that refer to it. */
export function renameQuestion(d: SurveyDraft, q: QuestionDraft, id: string): void {
  const before = q.id;
  q.id = id;
  if (!before) return;
  for (const other of d.questions)
    if (other !== q && other.showIf?.questionId === before) other.showIf.questionId = id;
}

/** Renames an option and the follow-up conditions of later questions that name it. */
export function renameOption(d: SurveyDraft, q: QuestionDraft, o: OptionDraft, id: string): void {
  const before = o.id;
  o.id = id;
  for (const other of d.questions) {
    const s = other.showIf;
    if (!s || s.questionId !== q.id) continue;
    if (s.value === before) s.value = id;
    else if (Array.isArray(s.value)) s.value = s.value.map((v) => (v === before ? id : v));
  }
}

/** Adds an option with a fresh id. */
export function addOption(q: QuestionDraft): void {
  const n = q.options.length + 1;
  q.options.push(
    option(
      uniqueId(
        `option_${n}`,
        q.options.map((o) => o.id),
      ),
    ),
  );
}

/** Questions that show only depending on `q`'s answer. */
export function followUpsOf(d: SurveyDraft, q: QuestionDraft): QuestionDraft[] {
  return d.questions.filter((other) => other !== q && other.showIf?.questionId === q.id);
}

/**
 * Removes a question; follow-ups that depended on it show always from now on (a condition on
 * a question that is gone could never hold). Returns those follow-ups.
 */
export function removeQuestion(d: SurveyDraft, index: number): QuestionDraft[] {
  const [removed] = d.questions.splice(index, 1);
  if (!removed) return [];
  const orphans = followUpsOf(d, removed);
  for (const q of orphans) q.showIf = null;
  return orphans;
}

/** Adds a language; its texts start blank (or come back as they were typed before). */
export function addLocale(d: SurveyDraft, locale: string): boolean {
  const tag = locale.trim();
  if (!tag || d.locales.includes(tag)) return false;
  d.locales.push(tag);
  return true;
}

/** Takes a language off the survey; the default moves to the first remaining language. */
export function removeLocale(d: SurveyDraft, locale: string): void {
  if (d.locales.length <= 1) return;
  d.locales = d.locales.filter((l) => l !== locale);
  if (!d.locales.includes(d.defaultLocale)) d.defaultLocale = d.locales[0]!;
}

// Follow-up conditions ----------------------------------------------------------------------

/** Which comparisons a follow-up may make on an answer to `target`, the domain's rule. */
export function conditionOps(target: Pick<QuestionDraft, "type">): ConditionOp[] {
  switch (target.type) {
    case "yes_no":
      return ["eq"];
    case "single_choice":
      return ["eq", "in"];
    case "multiple_choice":
      return ["in"];
    case "open_text":
      return [];
    default:
      return ["lte", "gte", "eq", "in"];
  }
}

/** The whole-number answers of a scale question, or null. */
export function scaleOfDraft(q: QuestionDraft): { min: number; max: number } | null {
  if (q.type === "rating") return { min: 1, max: num(q.scale) ?? DEFAULT_RATING_SCALE };
  return scaleOf({ type: q.type } as Question);
}

/** A sensible first condition on `target`, e.g. "NPS at most 6" (detractors). */
export function defaultCondition(target: QuestionDraft, op?: ConditionOp): ShowIfDraft {
  const ops = conditionOps(target);
  const chosen = op && ops.includes(op) ? op : ops[0]!;
  const scale = scaleOfDraft(target);
  let value: ShowIfValue = null;
  if (scale) {
    const low = target.type === "nps" ? 6 : scale.min + Math.floor((scale.max - scale.min) / 2);
    value = chosen === "in" ? [scale.min] : chosen === "gte" ? scale.max - 1 : low;
  } else if (target.type === "yes_no") value = false;
  else if (chosen === "in") value = [];
  else value = target.options[0]?.id ?? null;
  return { questionId: target.id, op: chosen, value };
}

/** Earlier questions a follow-up of the question at `index` may depend on. */
export function conditionTargets(d: SurveyDraft, index: number): QuestionDraft[] {
  return d.questions.slice(0, index).filter((q) => conditionOps(q).length > 0);
}

/** The domain's condition, when the draft's is complete. */
export function showIfOfDraft(s: ShowIfDraft | null): ShowIf | null {
  if (!s || s.value === null) return null;
  return { questionId: s.questionId, op: s.op, value: s.value } as ShowIf;
}

/** Whether an id is one the definition accepts for questions and options. */
export const isValidId = (id: string) => SURVEY_ID_PATTERN.test(id);
export { MAX_OPEN_TEXT_LENGTH };
