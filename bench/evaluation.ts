/**
 * A labelled title-matching evaluation built from real titles: noisy forms (1–3 corruptions
 * each, as pages and people produce them) that must match their title, and near-miss decoys
 * (one content word changed) that must match nothing. Deterministic for a seed.
 */
import { boundedEditDistance } from '../src/matching/edit-distance';
import { STOPWORDS } from '../src/matching/normalise-title';
import { pick, seededRandom } from './random';

export interface LabelledQuery {
  query: string;
  /** Index of the title the query must match, or null for a decoy that must match nothing. */
  expected: number | null;
  kind: string;
}

type Corruption = (title: string, random: () => number) => string;

const BRITISH: [RegExp, string][] = [
  [/ization/g, 'isation'],
  [/izing/g, 'ising'],
  [/ized/g, 'ised'],
  [/ize\b/g, 'ise'],
  [/\bmodeling/g, 'modelling'],
  [/\bbehavior/g, 'behaviour'],
  [/\bcolor/g, 'colour'],
  [/\bcenter/g, 'centre'],
];

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** The kinds of typo people and PDF extraction make; `space-shift` moves a letter across a space. */
export const TYPO_KINDS = ['deletion', 'insertion', 'substitution', 'transposition', 'space-shift'] as const;

/** One typo in a word of five letters or more, never its first letter ("Learnin gPerturbations"). */
function typo(title: string, random: () => number, sameWordAs?: number): { text: string; word: number } {
  const words = title.split(' ');
  const candidates = words.map((w, i) => [w, i] as const).filter(([w]) => /^[A-Za-z]{5,}$/.test(w));
  if (candidates.length === 0) return { text: title, word: -1 };
  const [word, i] = candidates.find(([, j]) => j === sameWordAs) ?? pick(random, candidates);
  const kind = pick(random, TYPO_KINDS);
  const at = 1 + Math.floor(random() * (word.length - 2));
  if (kind === 'space-shift') {
    const next = words[i + 1];
    if (next !== undefined && /^[A-Za-z]{2,}/.test(next) && random() < 0.5) {
      // The last letter moves onto the next word: "Learning Perturbations" → "Learnin gPerturbations".
      words[i] = word.slice(0, -1);
      words[i + 1] = word.slice(-1) + next;
    } else if (i > 0 && /[A-Za-z]{2,}$/.test(words[i - 1]!)) {
      // The first letter moves onto the word before: "Knowledge Acquisition" → "KnowledgeA cquisition".
      words[i - 1] = words[i - 1]! + word[0]!;
      words[i] = word.slice(1);
    } else {
      words[i] = word.slice(0, at) + word.slice(at + 1);
    }
    return { text: words.join(' '), word: i };
  }
  words[i] =
    kind === 'deletion'
      ? word.slice(0, at) + word.slice(at + 1)
      : kind === 'insertion'
        ? word.slice(0, at) + pick(random, [...LETTERS]) + word.slice(at)
        : kind === 'transposition'
          ? word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2)
          : word.slice(0, at) + pick(random, [...LETTERS].filter((c) => c !== word[at]!.toLowerCase())) + word.slice(at + 1);
  return { text: words.join(' '), word: i };
}

/** Site and venue names pages put after a dash: "Title — NeurIPS 2023". */
const DASH_SUFFIXES = ['— OpenReview', '- arXiv', '— NeurIPS 2023', '– Semantic Scholar', '- Proceedings of Machine Learning Research', '— ICLR 2024 Conference'];

export const CORRUPTIONS: Record<string, Corruption> = {
  lower: (t) => t.toLowerCase(),
  upper: (t) => t.toUpperCase(),
  dashes: (t) => t.replace(/-/g, '–').replace(/'/g, '’').replace(/: /g, ' — '),
  'drop-punctuation': (t) => t.replace(/[:,;!?()'"-]/g, ' ').replace(/\s+/g, ' '),
  'drop-colons-commas': (t) => t.replace(/[:,]/g, ''),
  'line-breaks': (t, r) => t.split(' ').map((w, i) => (i > 0 && r() < 0.25 ? `\n    ${w}` : w)).join(' '),
  'pdf-tag': (t) => `[PDF] ${t}`,
  'title-prefix': (t) => `Title: ${t}`,
  'openreview-suffix': (t) => `${t} | OpenReview`,
  'dash-suffix': (t, r) => `${t} ${pick(r, DASH_SUFFIXES)}`,
  quotes: (t, r) => (r() < 0.5 ? `"${t}"` : `“${t}”`),
  'trailing-period': (t) => `${t}.`,
  'drop-function-word': (t, r) => {
    const words = t.split(' ');
    const at = words.map((w, i) => [w, i] as const).filter(([w]) => STOPWORDS.has(w.toLowerCase()));
    if (at.length === 0) return t;
    words.splice(pick(r, at)[1], 1);
    return words.join(' ');
  },
  british: (t) => BRITISH.reduce((s, [from, to]) => s.replace(from, to), t),
  typo: (t, r) => typo(t, r).text,
  // A third of the time both typos fall in the same word ("Acquisstion" → "Acquisstoin").
  'two-typos': (t, r) => {
    const first = typo(t, r);
    return typo(first.text, r, r() < 0.35 ? first.word : undefined).text;
  },
  truncate: (t, r) => {
    const keep = Math.max(40, Math.floor(t.length * (0.55 + r() * 0.3)));
    return keep >= t.length - 3 ? t : `${t.slice(0, keep).trimEnd()}…`;
  },
};

/** Changes to the words themselves; applied before decorations, which a page adds around them. */
const TEXT_CORRUPTIONS = ['lower', 'upper', 'dashes', 'drop-punctuation', 'drop-colons-commas', 'line-breaks', 'drop-function-word', 'british', 'typo', 'two-typos'];
/** Innermost first: quotes go around a "[PDF]" tag or a "Title:" prefix, as listings nest them. */
const DECORATIONS = ['trailing-period', 'openreview-suffix', 'dash-suffix', 'pdf-tag', 'title-prefix', 'quotes'];
const ORDER = [...TEXT_CORRUPTIONS, 'truncate', ...DECORATIONS];
const NAMES = Object.keys(CORRUPTIONS);
/** Every kind of damage the evaluation reports recall for. */
export const DAMAGE_KINDS: readonly string[] = ORDER;

/** 1–3 distinct corruptions, at most two typos in all, at most two decorations, in page order. */
function chooseCorruptions(random: () => number): string[] {
  const n = 1 + Math.floor(random() * 3);
  const chosen = new Set<string>();
  while (chosen.size < n) chosen.add(pick(random, NAMES));
  if (chosen.has('typo') && chosen.has('two-typos')) chosen.delete('typo');
  if (chosen.has('lower') && chosen.has('upper')) chosen.delete('upper');
  if (chosen.has('drop-punctuation')) chosen.delete('drop-colons-commas');
  const suffixes = [...chosen].filter((c) => c === 'openreview-suffix' || c === 'dash-suffix');
  suffixes.slice(1).forEach((c) => chosen.delete(c));
  const decorations = [...chosen].filter((c) => DECORATIONS.includes(c));
  decorations.slice(2).forEach((c) => chosen.delete(c));
  return ORDER.filter((c) => chosen.has(c));
}

/** Recall among the queries carrying each kind of damage (a query with two counts for both). */
export function recallByKind(queries: readonly LabelledQuery[], answers: readonly (number | null)[]): Map<string, { queries: number; recall: number }> {
  const counts = new Map<string, { n: number; found: number }>();
  queries.forEach((q, i) => {
    if (q.expected === null) return;
    for (const kind of q.kind.split('+')) {
      const c = counts.get(kind) ?? { n: 0, found: 0 };
      c.n++;
      if (answers[i] === q.expected) c.found++;
      counts.set(kind, c);
    }
  });
  const order = (k: string) => (DAMAGE_KINDS.includes(k) ? DAMAGE_KINDS.indexOf(k) : DAMAGE_KINDS.length);
  return new Map([...counts].sort((a, b) => order(a[0]) - order(b[0])).map(([kind, c]) => [kind, { queries: c.n, recall: c.found / c.n }]));
}

/** `count` noisy queries and `decoys` near misses over `titles`. */
export function buildEvaluation(titles: readonly string[], count: number, decoys: number, seed = 7): LabelledQuery[] {
  const random = seededRandom(seed);
  const queries: LabelledQuery[] = [];
  for (let i = 0; i < count; i++) {
    const expected = Math.floor(random() * titles.length);
    let query = titles[expected]!;
    const applied = chooseCorruptions(random);
    for (const name of applied) query = CORRUPTIONS[name]!(query, random);
    queries.push({ query, expected, kind: applied.join('+') });
  }
  // Vocabulary of content words for replacements.
  const vocabulary = [...new Set(titles.flatMap((t) => t.toLowerCase().match(/[a-z]{5,}/g) ?? []))];
  for (let i = 0; i < decoys; i++) {
    const source = titles[Math.floor(random() * titles.length)]!;
    const words = source.split(' ');
    const content = words.map((w, j) => [w, j] as const).filter(([w]) => /^[A-Za-z]{5,}$/.test(w) && !STOPWORDS.has(w.toLowerCase()));
    if (content.length < 2) continue;
    const [word, j] = pick(random, content);
    let replacement = pick(random, vocabulary);
    // A different word, not the same one misspelt as some record misspells it ("nueral").
    while (boundedEditDistance(replacement, word.toLowerCase(), 2) <= 2) replacement = pick(random, vocabulary);
    words[j] = word[0] === word[0]!.toUpperCase() ? replacement[0]!.toUpperCase() + replacement.slice(1) : replacement;
    const decoy = words.join(' ');
    // A decoy that happens to be a real title is not a decoy.
    if (titles.includes(decoy)) continue;
    queries.push({ query: decoy, expected: null, kind: 'decoy-one-word' });
  }
  return queries;
}

/** Pairs of real titles that differ in exactly one word (the hardest near misses). */
export function oneWordNeighbours(titles: readonly string[], limit = 500): [number, number][] {
  const byShape = new Map<string, number[]>();
  titles.forEach((title, i) => {
    const words = title.toLowerCase().split(/\s+/);
    words.forEach((_, j) => {
      const key = [...words.slice(0, j), '*', ...words.slice(j + 1)].join(' ');
      const list = byShape.get(key);
      if (list) list.push(i);
      else byShape.set(key, [i]);
    });
  });
  const pairs: [number, number][] = [];
  for (const list of byShape.values()) {
    if (list.length < 2) continue;
    for (let a = 0; a < list.length && pairs.length < limit; a++) {
      for (let b = a + 1; b < list.length && pairs.length < limit; b++) {
        if (titles[list[a]!]!.toLowerCase() !== titles[list[b]!]!.toLowerCase()) pairs.push([list[a]!, list[b]!]);
      }
    }
  }
  return pairs;
}

export interface Score {
  precision: number;
  recall: number;
  f1: number;
  truePositives: number;
  falsePositives: number;
  misses: number;
}

/** Scores answers (matched title index or null) against the labels. */
export function score(queries: readonly LabelledQuery[], answers: readonly (number | null)[]): Score {
  let tp = 0;
  let fp = 0;
  let misses = 0;
  queries.forEach((q, i) => {
    const answer = answers[i] ?? null;
    if (answer === null) {
      if (q.expected !== null) misses++;
    } else if (answer === q.expected) tp++;
    else fp++;
  });
  const positives = queries.filter((q) => q.expected !== null).length;
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = positives === 0 ? 1 : tp / positives;
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall), truePositives: tp, falsePositives: fp, misses };
}
