import type { SurveyDefinition } from "@trouw/domain";

const language = (tag: string) => tag.split("-")[0]!.toLowerCase();

/**
 * The survey locale to show someone who prefers `preferred` (first match wins): the exact
 * locale, else one of the same language (a customer in nl-BE gets nl), else the survey's
 * default. Customer locales are free text (e.g. "NL"), so matching ignores case.
 */
export function surveyLocaleFor(
  def: SurveyDefinition,
  ...preferred: (string | null | undefined)[]
): string {
  for (const wanted of preferred) {
    if (!wanted?.trim()) continue;
    const exact = def.locales.find((l) => l.toLowerCase() === wanted.trim().toLowerCase());
    if (exact) return exact;
    const sameLanguage = def.locales.find((l) => language(l) === language(wanted.trim()));
    if (sameLanguage) return sameLanguage;
  }
  return def.defaultLocale;
}
