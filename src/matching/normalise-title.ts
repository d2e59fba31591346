/**
 * Title normalisation: turns a title as a page, a person or a record file writes it into
 * comparison tokens. Pure; runs in Node (records CLI, tests, bench) and in the browser.
 */
import { decodeHTML } from 'entities';
import { LETTER_FOLDS } from './fold';

export interface NormalisedTitle {
  /** Lower-case ASCII-folded word tokens, spelling variants canonicalised. */
  tokens: string[];
  /** The same tokens before spelling canonicalisation (typo distances are measured on both). */
  raw: string[];
  /** The shown title ended with an ellipsis: it is a prefix of the real title. */
  truncated: boolean;
}

/** Function words that pages and people drop or add; ignored by the content-word key. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  'a an the of for in on with to and or via from by at is are as its into over under using'.split(' '),
);

// Leading tags listing pages put before titles: "[PDF]", "[HTML][C]", "[2106.09608]", "Title:".
const LEADING_DECORATION = /^\s*(?:\[[^\]]{1,20}\]\s*|title\s*:\s*)+/i;
// Site names appended to titles in <title> elements and copied text.
const TRAILING_DECORATION =
  /\s+(?:\|\s*[^|]{1,60}|[-–—]\s+(?:openreview(?:\.net)?|arxiv(?:\.org)?|semantic scholar|google scholar|dblp|acl anthology|pmlr))\s*$/i;
const TRAILING_ELLIPSIS = /\s*(?:\u2026|\.{3,}|\. \. \.)\s*$/;

// LaTeX commands whose argument is the text to keep: \emph{Deep} → Deep.
const LATEX_TEXT_COMMAND =
  /\\(?:emph|textbf|textit|texttt|textsc|textrm|textsf|text|mathrm|mathbf|mathit|mathsf|mathtt|mathcal|mathbb|mathfrak|boldsymbol|bm|operatorname|underline|mbox|hbox)\s*\{([^{}]*)\}/gi; // i: titles in capitals
const GREEK =
  'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon phi chi psi omega';
const GREEK_LETTERS = 'αβγδεζηθικλμνξοπρστυφχψω';
const LATEX_SYMBOLS: Record<string, string> = { ell: 'l', varepsilon: 'epsilon', vartheta: 'theta', varphi: 'phi', varrho: 'rho', varsigma: 'sigma', infty: 'infinity' };
for (const name of GREEK.split(' ')) LATEX_SYMBOLS[name] = name;

/** Greek letters become their names, so "$\alpha$-Divergence" and "α-Divergence" agree. */
const GREEK_NAME = new Map<string, string>();
GREEK.split(' ').forEach((name, i) => {
  GREEK_NAME.set(GREEK_LETTERS[i]!, ` ${name} `);
  GREEK_NAME.set(GREEK_LETTERS[i]!.toUpperCase(), ` ${name} `);
});
GREEK_NAME.set('ς', ' sigma ');


function stripLatex(text: string): string {
  if (!text.includes('\\') && !text.includes('$') && !text.includes('{')) return text;
  let out = text;
  for (let i = 0; i < 3 && LATEX_TEXT_COMMAND.test(out); i++) {
    out = out.replace(LATEX_TEXT_COMMAND, '$1');
  }
  return out
    .replace(/\\([a-zA-Z]+)/g, (_, name: string) => {
      const symbol = LATEX_SYMBOLS[name.toLowerCase()];
      // \ell stays glued to its subscript ("$\ell_1$" → "l1", as "ℓ1" folds); others are words.
      if (symbol === 'l') return 'l';
      return ` ${symbol ?? name} `;
    })
    .replace(/\\(.)/g, '$1') // \& \% \_ and accent commands \'e → 'e
    .replace(/[$^_{}]/g, '');
}

const VARIANT_ENDING = /(?:is(?:e|es|ed|ing|ations?|ers?)|ys(?:e|es|ed|ing)|our(?:s|ed|ing|al|hoods?|able)?|ll(?:ing|ed|ers?)|tres?|ogues?)$/;

/**
 * Canonical spelling of one token, applied to records and queries alike, so British and
 * American spellings meet: optimise/optimize, colour/color, modelling/modeling, centre/center.
 * Being symmetric, an over-eager rule only merges spellings, never tells two titles apart.
 */
export function canonicalToken(token: string): string {
  if (token.length < 5) return token;
  if (token === 'towards') return 'toward';
  // One cheap test first: most words have none of these endings.
  if (!VARIANT_ENDING.test(token)) return token;
  return token
    .replace(/^(\w{3,})is(e|es|ed|ing|ation|ations|er|ers)$/, '$1iz$2')
    .replace(/^(\w{2,})ys(e|es|ed|ing)$/, '$1yz$2')
    .replace(/^(\w{3,})our(s|ed|ing|al|hood|hoods|able)?$/, '$1or$2')
    .replace(/^(\w{3,}[aeiou])ll(ing|ed|er|ers)$/, '$1l$2')
    .replace(/^(\w{3,})tre(s?)$/, '$1ter$2')
    .replace(/^(\w{3,})ogue(s?)$/, '$1og$2');
}

function foldToAscii(text: string): string {
  let out = '';
  // Lower-cased before and after NFKD: decomposition can yield capitals (ᴭ → Æ).
  for (const ch of text.toLowerCase().normalize('NFKD').toLowerCase()) {
    const code = ch.charCodeAt(0);
    if (code < 0x80) out += ch;
    else if (/\p{M}/u.test(ch)) continue;
    else out += GREEK_NAME.get(ch) ?? LETTER_FOLDS[ch] ?? ch;
  }
  return out;
}

/** Removes decorations and the trailing ellipsis; says whether the title was cut. */
export function stripDecorations(raw: string): { text: string; truncated: boolean } {
  let text = raw.replace(LEADING_DECORATION, '');
  for (let i = 0; i < 3 && TRAILING_DECORATION.test(text); i++) text = text.replace(TRAILING_DECORATION, '');
  text = text.trim();
  const truncated = TRAILING_ELLIPSIS.test(text);
  if (truncated) text = text.replace(TRAILING_ELLIPSIS, '');
  text = text.replace(/\.\s*$/, '');
  return { text, truncated };
}

const QUOTES_AROUND = /^[\s"'`“”„‟«»‘’‚‛]+|[\s"'`“”„‟«»‘’‚‛]+$/g;
// A dash and a venue or site after the title: "… — NeurIPS 2023", "… - Proceedings of …".
const VENUE_SUFFIX = /\s+[-–—]+\s+([^-–—|]{1,80})$/;
const VENUE_WORD =
  /\b(?:(?:19|20)\d\d|openreview|arxiv|scholar|dblp|anthology|pmlr|proceedings|conference|workshop|symposium|journal|transactions|neurips|nips|icml|iclr|aistats|colt|uai|acl|emnlp|naacl|cvpr|iccv|eccv|wacv|aaai|ijcai|tmlr|jmlr|corl|kdd|researchgate|papers with code)\b/i;

/**
 * A query with its listing decorations peeled as pages nest them: quotes around "[PDF] …" or
 * "Title: …", a venue after a dash, a period after an ellipsis. Queries only: record titles keep
 * `normaliseTitle` (their keys are stored and name paper ids), and a query is tried this way
 * only when its plain reading finds nothing.
 */
export function peelQuery(raw: string): string {
  let text = raw;
  for (let i = 0; i < 4; i++) {
    const before = text;
    text = text.replace(QUOTES_AROUND, '').replace(LEADING_DECORATION, '').replace(/(?<!\.)\.$/, '');
    const venue = VENUE_SUFFIX.exec(text);
    if (venue && VENUE_WORD.test(venue[1]!) && venue[1]!.split(/\s+/).length <= 8) text = text.slice(0, venue.index);
    for (let j = 0; j < 3 && TRAILING_DECORATION.test(text); j++) text = text.replace(TRAILING_DECORATION, '');
    if (text === before) break;
  }
  return text;
}

// Characters that need the full pipeline: entities, LaTeX, decorations, ellipses, non-ASCII.
const NEEDS_FULL_PIPELINE = /[^\x20-\x7e]|[&\\${}[\]|]|\.\.\.|title\s*:|\s[-–—]\s/i;

export function normaliseTitle(title: string): NormalisedTitle {
  return NEEDS_FULL_PIPELINE.test(title) ? normaliseAnyTitle(title) : normalisePlainTitle(title);
}

/** The full pipeline; `normaliseTitle` skips it for plain ASCII titles, with the same result. */
export function normaliseAnyTitle(title: string): NormalisedTitle {
  const decoded = title.includes('&') ? decodeHTML(title) : title;
  const { text, truncated } = stripDecorations(decoded);
  const joined = stripLatex(text)
    // A word hyphenated across a line break is one word: "multi-\nmodal" → "multimodal".
    .replace(/(\p{L})[-\u00ad\u2010]\s*[\r\n]+\s*(\p{L})/gu, '$1$2')
    .replace(/\u00ad/g, '');
  const folded = foldToAscii(joined);
  const raw: string[] = folded.match(/[\p{L}\p{N}]+/gu) ?? [];
  return { tokens: raw.map(canonicalToken), raw, truncated };
}

/**
 * The common case, a plain printable-ASCII title, without the regex pipeline: split on
 * anything that is not a letter or digit, lower-case, canonicalise.
 */
export function normalisePlainTitle(title: string): NormalisedTitle {
  const raw: string[] = [];
  let start = -1;
  const lower = title.toLowerCase();
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 0;
    const word = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    if (word && start < 0) start = i;
    else if (!word && start >= 0) {
      raw.push(lower.slice(start, i));
      start = -1;
    }
  }
  // A trailing period ends the sentence, not the title; it is already dropped as punctuation.
  return { tokens: raw.map(canonicalToken), raw, truncated: false };
}

/**
 * The exact key of a plain printable-ASCII title in one pass, without token arrays: the exact
 * rule, which answers most queries, needs nothing more. Null when the title needs the full
 * pipeline (the same test as `normaliseTitle`'s, done as it goes). Measured against one native
 * regex pass for the key: this loop was faster.
 */
export function plainKey(title: string): string | null {
  const lower = title.toLowerCase();
  let key = '';
  let start = -1;
  let last = '';
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0) {
      last = lower.slice(start, i);
      // Only tokens that can carry a spelling variant go through canonicalToken.
      key += last.length >= 5 && VARIANT_LAST_LETTERS.has(lower.charCodeAt(i - 1)) ? canonicalToken(last) : last;
      start = -1;
    }
    if (c < 0x20 || c > 0x7e || FULL_PIPELINE_CHARS.has(c)) return null;
    if (c === 46 && lower.charCodeAt(i + 1) === 46 && lower.charCodeAt(i + 2) === 46) return null; // "..."
    if (c === 58 && last === 'title' && /title\s*:$/.test(lower.slice(0, i + 1))) return null; // "Title:"
    if (c === 45 && lower.charCodeAt(i - 1) === 32 && lower.charCodeAt(i + 1) === 32) return null; // " - "
  }
  return key;
}
// & \ $ { } [ ] |
const FULL_PIPELINE_CHARS = new Set([38, 92, 36, 123, 125, 91, 93, 124]);
/** Last letters of the spelling variants `canonicalToken` rewrites (e s d g n r l). */
const VARIANT_LAST_LETTERS = new Set([...'esdgnrl'].map((ch) => ch.charCodeAt(0)));

/** Exact key: every token, word boundaries ignored ("Forward-Forward" = "ForwardForward"). */
export function exactKey(tokens: readonly string[]): string {
  return tokens.join('');
}

/**
 * Content words of a normalised title, canonical and raw, position by position: function words
 * dropped, so "A Study of X" meets "Study of X".
 */
export function contentWords({ tokens, raw }: Pick<NormalisedTitle, 'tokens' | 'raw'>): Words {
  const canonical: string[] = [];
  const rawContent: string[] = [];
  tokens.forEach((token, i) => {
    if (STOPWORDS.has(token)) return;
    canonical.push(token);
    rawContent.push(raw[i]!);
  });
  return { canonical, raw: rawContent };
}

export interface Words {
  canonical: string[];
  raw: string[];
}

/**
 * Content words as one line, for the bundled index: canonical tokens, then a tab and the raw
 * ones where they differ (tokens are lower-case word characters: no space or tab inside).
 */
export function encodeWords({ canonical, raw }: Words): string {
  const same = raw.every((token, i) => token === canonical[i]);
  return same ? canonical.join(' ') : `${canonical.join(' ')}\t${raw.join(' ')}`;
}

export function decodeWords(line: string): Words {
  const tab = line.indexOf('\t');
  const canonical = (tab < 0 ? line : line.slice(0, tab)).split(' ').filter(Boolean);
  return { canonical, raw: tab < 0 ? canonical : line.slice(tab + 1).split(' ').filter(Boolean) };
}

/** The content words of a title, encoded as the index stores them. */
export function titleContent(title: string): string {
  return encodeWords(contentWords(normaliseTitle(title)));
}

/** The key a whole title is stored and looked up under. */
export function titleKey(raw: string): string {
  return exactKey(normaliseTitle(raw).tokens);
}
