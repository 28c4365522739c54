import { computed } from "vue";
import { useQuery } from "@urql/vue";
import { graphql } from "@/graphql/generated";

export const SurveyTemplatesQuery = graphql(`
  query SurveyTemplates {
    surveyTemplates {
      key
      definition
    }
  }
`);

/** The built-in surveys a new survey can start from, with their title and size. */
export function useSurveyTemplates(locale: () => string) {
  const result = useQuery({ query: SurveyTemplatesQuery, requestPolicy: "cache-first" });
  return {
    templates: computed(() =>
      (result.data.value?.surveyTemplates ?? []).map((template) => {
        const def = template.definition as {
          title?: Record<string, string>;
          defaultLocale?: string;
          locales?: string[];
          questions?: unknown[];
        };
        const title = def.title ?? {};
        return {
          key: template.key,
          title: title[locale()] ?? title[def.defaultLocale ?? ""] ?? template.key,
          locales: def.locales ?? [],
          questionCount: def.questions?.length ?? 0,
        };
      }),
    ),
    fetching: result.fetching,
    error: result.error,
  };
}
