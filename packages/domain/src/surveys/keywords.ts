import { stopwordsFor } from "./stopwords";

export interface KeywordOptions {
  /** Chooses the stopword list: nl (and nl-BE, ...) Dutch, anything else English. */
  locale: string;
  /** At most this many keywords, the most frequent first; default 20. */
  limit?: number;
  /** Further words to ignore, e.g. the shop's own name. */
  extraStopwords?: readonly string[];
}

export interface KeywordCount {
  keyword: string;
  /** Responses that use the word at least once. */
  count: number;
}

export const MIN_KEYWORD_LENGTH = 3;

// A word: letters and digits, with inner apostrophes or hyphens ("don't", "zo'n", "e-mail").
const WORD = /[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*/gu;
const HAS_LETTER = /\p{L}/u;

/** The distinct keywords of one text: lowercase, no stopwords, numbers or words under 3 letters. */
function keywordsOf(text: string, ignore: ReadonlySet<string>): Set<string> {
  const normalised = text
    .normalize("NFC")
    .toLowerCase()
    .replace(/[’‘`´]/g, "'");
  const out = new Set<string>();
  for (const [word] of normalised.matchAll(WORD))
    if ([...word].length >= MIN_KEYWORD_LENGTH && HAS_LETTER.test(word) && !ignore.has(word))
      out.add(word);
  return out;
}

/**
 * The words open-text answers use most, each counted once per response ("slow, so slow" is one
 * mention of "slow"), ordered by count, then alphabetically (by code point, so the order does
 * not depend on the runtime's collation).
 */
export function keywordFrequencies(
  texts: readonly string[],
  { locale, limit = 20, extraStopwords = [] }: KeywordOptions,
): KeywordCount[] {
  if (!Number.isInteger(limit) || limit < 0) throw new RangeError("limit must be a whole number");
  const ignore = new Set([...stopwordsFor(locale), ...extraStopwords.map((w) => w.toLowerCase())]);
  const counts = new Map<string, number>();
  for (const text of texts)
    for (const word of keywordsOf(text, ignore)) counts.set(word, (counts.get(word) ?? 0) + 1);
  return [...counts]
    .map(([keyword, count]) => ({ keyword, count }))
    .sort(
      (a, b) => b.count - a.count || (a.keyword < b.keyword ? -1 : a.keyword > b.keyword ? 1 : 0),
    )
    .slice(0, limit);
}
