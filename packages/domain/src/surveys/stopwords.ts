/*
 * Words too common to say anything about what respondents mean, per language. Lowercase,
 * with apostrophes as typed ("don't", "zo'n"); words under three letters are dropped anyway
 * and left out. Sentiment words ("good", "slow", "goed", "traag") are kept on purpose.
 */

export const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set(
  `
about above after again against all also although always among and another any anybody anyone
anything anyway are aren't around because been before being below between both but can can't
cannot could couldn't did didn't does doesn't doing don't done down during each either else
enough etc even ever every for from further get gets getting got had hadn't has hasn't have
haven't having he'd he'll he's her here here's hers herself him himself his how how's however
i'd i'll i'm i've into isn't it's its itself just let's many may might more most much must
mustn't myself neither never nor not now off often once one only other others ought our ours
ourselves out over own perhaps quite rather really same shall shan't she she'd she'll she's
should shouldn't since some something somewhat still such than that that's the their theirs
them themselves then there there's these they they'd they'll they're they've thing things this
those though through thus too under until upon very via was wasn't were weren't what
what's when when's where where's whether which while who who's whom whose why why's will with
within without won't would wouldn't yes yet you you'd you'll you're you've your yours yourself
yourselves
`
    .trim()
    .split(/\s+/),
);

export const DUTCH_STOPWORDS: ReadonlySet<string> = new Set(
  `
aan aangezien achter al alle allemaal alleen alles als alsof altijd ander andere anders bent
bij boven bijna binnen ben daar daarna daarom daardoor dan dat de deze die dit doch doen door dus
echt een eens eigen eigenlijk elk elke en enige enkele enz er erg even geen geweest gewoon
haar had hadden heb hebben hebt heeft hem hen het hier hij hoe hun iedereen iemand iets
ik jij jou jouw jullie kan kon kunnen kunt laat laten maar mag meer men met mij mijn mijzelf
misschien moet moeten mogen na naar nee niet niets nog nou nu of om omdat ons onze ook
op over reeds sinds sommige soms tegen terwijl toch toen tot tussen uit vaak van veel voor
waar waarom wanneer want waren was wat we wel welk welke werd werden wie wij wil wilde
willen wordt worden zal zelf zich zij zijn zo zoals zodat zonder zou zouden zulke
d'r m'n z'n zo'n graag heel onder per steeds via waardoor weer zeer zelfs zowel
`
    .trim()
    .split(/\s+/),
);

/** The stopwords for a locale's language (nl, nl-BE: Dutch); English for every other language. */
export function stopwordsFor(locale: string): ReadonlySet<string> {
  return locale.toLowerCase().split("-")[0] === "nl" ? DUTCH_STOPWORDS : ENGLISH_STOPWORDS;
}
