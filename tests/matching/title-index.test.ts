import { describe, expect, it } from 'vitest';
import { functionWordShiftCost, isMisspeltFunctionWord, mayBeMisspelt, spaceShiftCost, TitleIndex } from '../../src/matching/title-index';
import { peelQuery } from '../../src/matching/normalise-title';
import { SEED_TITLES } from '../helpers/seed';

const index = new TitleIndex(SEED_TITLES);

/** Noisy forms of a title as pages and people write it. */
function noisyForms(title: string): [string, string][] {
  const words = title.split(' ');
  const longest = words.reduce((a, b) => (b.length > a.length ? b : a));
  const typo = (w: string) => w.slice(0, 2) + w.slice(3); // one deletion
  const swap = (w: string) => w.slice(0, 2) + w[3] + w[2] + w.slice(4); // one transposition
  return [
    ['lower case', title.toLowerCase()],
    ['upper case', title.toUpperCase()],
    ['"Title:" prefix', `Title: ${title}`],
    ['OpenReview suffix', `${title} | OpenReview`],
    ['[PDF] tag', `[PDF] ${title}`],
    ['trailing period', `${title}.`],
    ['line breaks', words.slice(0, 3).join(' ') + '\n      ' + words.slice(3).join('\n')],
    ['dash variants', title.replace(/-/g, '–').replace(/:/g, ' —')],
    ['dropped punctuation', title.replace(/[:\-,]/g, ' ')],
    ['HTML entities', title.replace(/ /g, '&nbsp;').replace(/-/g, '&ndash;')],
    ['LaTeX markup', title.replace(longest, `\\emph{${longest}}`)],
    ['leading article dropped', title.replace(/^(The|A|An) /, '')],
    ['one typo', title.replace(longest, typo(longest))],
    ['a transposition', title.replace(longest, swap(longest))],
    ['truncated with ellipsis', `${title.slice(0, Math.max(30, Math.floor(title.length * 0.6)))}…`],
    ['truncated, three dots', `${title.slice(0, 40)}...`],
    ['British spelling', title.replace(/ization/g, 'isation').replace(/ized/g, 'ised')],
    ['a letter moved across a space', title.replace(longest, `${longest.slice(0, -1)} ${longest.slice(-1)}`).replace(`${longest.slice(-1)} `, longest.slice(-1))],
    ['two typos in one word', title.replace(longest, typo(swap(longest)))],
    ['quotes around a [PDF] tag', `"[PDF] ${title}"`],
    ['quotes around a "Title:" prefix', `“Title: ${title}”`],
    ['a venue after a dash', `${title} — NeurIPS 2023`],
    ['a site after a dash, colons dropped', `${title.replace(/:/g, '')} - Semantic Scholar`],
    ['truncated with a typo', `${title.replace(longest, typo(longest)).slice(0, Math.max(34, Math.floor(title.length * 0.7)))}…`],
    ['truncated, then a period and quotes', `"${title.slice(0, Math.max(30, Math.floor(title.length * 0.6)))}…."`],
  ];
}

describe('title matching on the seed records', () => {
  for (const [entry, title] of SEED_TITLES.entries()) {
    describe(title, () => {
      it('matches itself exactly', () => {
        expect(index.match(title)).toEqual({ entry, score: 1, rule: 'exact' });
      });
      it.each(noisyForms(title))('matches when %s', (_, noisy) => {
        expect(index.match(noisy)?.entry).toBe(entry);
      });
    });
  }

  it.each([
    'Head Pursuit: Probing Attention Specialization in Unimodal Transformers',
    'Head Pursuit: Probing Attention Specialization in Multimodal Networks',
    'Intrinsic Dimension Correlation: uncovering linear connections in multimodal representations',
    'ResiDual Transformer Alignment with Spectral Clustering',
    'The Narrow Gate: Localized Image-Text Communication in Native Unimodal Models',
    'The Wide Gate: Localized Image-Text Communication in Native Multimodal Models',
    'Emergent representations in networks trained with the Backpropagation algorithm',
    'Emergent representations in networks trained with the Forward-Forward algorithm for vision',
    'Head Pursuit',
    'Transformers',
    '',
  ])('a near miss does not match: %j', (decoy) => {
    expect(index.match(decoy)).toBeNull();
  });

  it('a truncated prefix shared by two titles is ambiguous, so no match', () => {
    const twins = new TitleIndex(['Learning to Rank with Deep Networks for Search', 'Learning to Rank with Deep Networks for Ads']);
    expect(twins.match('Learning to Rank with Deep Networks for…')).toBeNull();
    expect(twins.match('Learning to Rank with Deep Networks for Se…')?.entry).toBe(0);
  });

  it('three titles with the same content words: ambiguous, no match and no crash (met at corpus scale)', () => {
    const triplets = new TitleIndex(['Learning of Sparse Graphs', 'Learning on Sparse Graphs', 'Learning for Sparse Graphs']);
    expect(triplets.match('Learning on Sparse Graphs')?.entry).toBe(1);
    expect(triplets.match('Learning with Sparse Graphs')).toBeNull();
  });

  it('a misspelling that is itself a word of the records is a different word, not a typo', () => {
    const both = new TitleIndex(['Diffusion Models for Robust Planning', 'Robust Sampling Modes in Diffusion']);
    expect(both.match('Diffusion Modes for Robust Planning')).toBeNull();
    expect(both.match('Diffusion Modles for Robust Planning')?.entry).toBe(0);
  });

  it('each result carries its rule and a score in (0, 1]', () => {
    expect(index.match('Intrinsic Dimension Correlation: uncovering nonlinear…')).toMatchObject({ entry: 2, rule: 'prefix' });
    expect(index.match('Intrinsic Dimension Corelation: uncovering nonlinear connections in multimodal representations')).toMatchObject({ entry: 2, rule: 'fuzzy' });
    expect(index.match('Intrinsic Dimension Correlation: uncovering nonlinear connections in multimodal representations')).toMatchObject({ rule: 'exact', score: 1 });
    const fuzzy = index.match('Head Pursuit: Probing Atention Specialisation in Multimodal Transformers')!;
    expect(fuzzy.score).toBeGreaterThan(0.5);
    expect(fuzzy.score).toBeLessThan(1);
  });

  it('a letter moved across a space, beside a function word too, or a misspelt function word', () => {
    const titles = ['Learning Perturbations for Robust Neural Networks', 'Federated Learning with Adaptive Layer-wise Weight Shrinking', 'State Representation Learning Using an Unbalanced Atlas'];
    const small = new TitleIndex(titles);
    expect(small.match('Learnin gPerturbations for Robust Neural Networks')?.entry).toBe(0);
    expect(small.match('Federated Learning withA daptive Layer-wise Weight Shrinkign')?.entry).toBe(1);
    expect(small.match('State Representation Learning Usig an Unbalanced Atlas')?.entry).toBe(2);
  });

  it('a misspelling the records themselves hold in one title may stand for a common word', () => {
    const common = Array.from({ length: 25 }, (_, i) => `Large Language Model Automatic Study Number ${i}`);
    const records = new TitleIndex([...common, 'Large Language Model Automatic Computer', 'Robust Langauge Agents at Scale']);
    expect(records.match('Large Langauge Model Automatic Computer')?.entry).toBe(25);
    expect(records.match('Robust Langauge Agents at Scale')?.entry).toBe(26); // as written, exactly
  });
});

describe('damage rules, one by one', () => {
  const vocabulary = new Map<string, number[]>([
    ['language', Array.from({ length: 30 }, (_, i) => i)],
    ['langauge', [40]],
    ['meta', [1]],
    ['learning', [1]],
    ['metal', [2]],
    ['earning', [3]],
  ]);

  it('peels nested decorations from a query', () => {
    expect(peelQuery('"[PDF] Deep Sets"')).toBe('Deep Sets');
    expect(peelQuery('“Title: Deep Sets”')).toBe('Deep Sets');
    expect(peelQuery('Deep Sets — NeurIPS 2023')).toBe('Deep Sets');
    expect(peelQuery('Deep Sets - Proceedings of Machine Learning Research')).toBe('Deep Sets');
    expect(peelQuery('"Deep Se…."')).toBe('Deep Se…');
    // A dash before words that name no venue or site is part of the title.
    expect(peelQuery('Deep Sets — A Permutation-Invariant View')).toBe('Deep Sets — A Permutation-Invariant View');
  });

  it('a moved space costs one edit, plus at most one typo, unless both query words are words of the records', () => {
    expect(spaceShiftCost('learnin', 'gperturbations', 'learning', 'perturbations', vocabulary, 2)).toBe(1);
    expect(spaceShiftCost('beon', 'dworst', 'beyond', 'worst', vocabulary, 2)).toBe(2);
    expect(spaceShiftCost('metal', 'earning', 'meta', 'learning', vocabulary, 2)).toBe(3);
    expect(functionWordShiftCost('witha', 'daptive', 'adaptive', vocabulary, 2)).toBe(1);
    expect(functionWordShiftCost('learnin', 'gwith', 'learning', vocabulary, 2)).toBe(1);
    expect(functionWordShiftCost('learnin', 'gwiht', 'learning', vocabulary, 2)).toBe(2);
    expect(functionWordShiftCost('learnin', 'gwiht', 'learning', vocabulary, 1)).toBe(3); // no budget left for the typo
  });

  it('misspelt function words and the records\' own rare misspellings', () => {
    expect(isMisspeltFunctionWord('uisng', vocabulary)).toBe(true);
    expect(isMisspeltFunctionWord('learning', vocabulary)).toBe(false);
    expect(mayBeMisspelt('langauge', 'language', vocabulary)).toBe(true);
    expect(mayBeMisspelt('metal', 'meta', vocabulary)).toBe(false);
    expect(mayBeMisspelt('lnaguage', 'language', vocabulary)).toBe(true);
  });
});
