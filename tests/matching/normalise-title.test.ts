import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseAnyTitle, normaliseTitle, plainKey, titleKey } from '../../src/matching/normalise-title';

const tokens = (title: string) => normaliseTitle(title).tokens;

describe('title normalisation', () => {
  it.each([
    ['case and punctuation', 'HEAD PURSUIT — probing attention!', ['head', 'pursuit', 'probing', 'attention']],
    ['diacritics and ligatures', 'Émile’s ﬁne Straße', ['emile', 's', 'fine', 'strasse']],
    ['HTML entities', 'Image&ndash;Text &amp; &#x3B1;-Divergence', ['image', 'text', 'alpha', 'divergence']],
    ['LaTeX math and commands', '$\\ell_1$-Regularised \\emph{Deep} {N}ets in $\\mathcal{O}(n)$', ['l1', 'regularized', 'deep', 'nets', 'in', 'o', 'n']],
    ['LaTeX and Unicode Greek agree', '$\\alpha$-Divergence vs α-Divergence', ['alpha', 'divergence', 'vs', 'alpha', 'divergence']],
    ['ℓ1 as pages render it', 'ℓ1-Regularized', ['l1', 'regularized']],
    ['hyphenation across a line break', 'Multi-\nmodal Repre-\n  sentations', ['multimodal', 'representations']],
    ['line breaks inside a title', 'The Narrow Gate:\n   Localized', ['the', 'narrow', 'gate', 'localized']],
    ['listing decorations', '[PDF][C] Title: Deep Nets | OpenReview', ['deep', 'nets']],
    ['site suffix after a dash', 'Deep Nets - arXiv', ['deep', 'nets']],
    ['British spelling', 'Optimising Colour Modelling in the Centre', ['optimizing', 'color', 'modeling', 'in', 'the', 'center']],
  ])('%s', (_, input, expected) => {
    expect(tokens(input)).toEqual(expected);
  });

  it('notes truncation by an ellipsis', () => {
    expect(normaliseTitle('Intrinsic Dimension Correlation: uncovering…')).toMatchObject({ tokens: ['intrinsic', 'dimension', 'correlation', 'uncovering'], truncated: true });
    expect(normaliseTitle('Intrinsic Dimension Correlation...').truncated).toBe(true);
    expect(normaliseTitle('Intrinsic Dimension Correlation.').truncated).toBe(false);
  });

  it('the exact key ignores word boundaries and dashes', () => {
    expect(titleKey('Forward-Forward')).toBe(titleKey('ForwardForward'));
    expect(titleKey('Image–Text')).toBe(titleKey('Image-Text'));
  });

  describe('properties', () => {
    const anyText = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 80 }));

    it('never throws and yields lower-case ASCII-folded tokens', () => {
      fc.assert(
        fc.property(anyText, (text) => {
          const { tokens: t } = normaliseTitle(text);
          return t.every((token) => token.length > 0 && token === token.toLowerCase() && /^[\p{L}\p{N}]+$/u.test(token));
        }),
        { numRuns: 3000 },
      );
    });

    it('is idempotent: normalising the tokens again gives the same tokens', () => {
      fc.assert(
        fc.property(anyText, (text) => {
          const once = tokens(text);
          return JSON.stringify(tokens(once.join(' '))) === JSON.stringify(once);
        }),
        { numRuns: 3000 },
      );
    });

    it('the plain-ASCII fast path gives exactly what the full pipeline gives', () => {
      const ascii = fc.oneof(
        fc.string({ unit: fc.constantFrom(...'abcXYZ019 -:,.()?!\'"/_+*#@%^~`;<>=' .split('')), maxLength: 120 }),
        fc.string({ maxLength: 120 }),
      );
      fc.assert(
        fc.property(ascii, (text) => JSON.stringify(normaliseTitle(text)) === JSON.stringify(normaliseAnyTitle(text))),
        { numRuns: 5000 },
      );
    });

    it('the one-pass exact key, where it gives one, is the key of the full pipeline', () => {
      const text = fc.oneof(
        fc.string({ unit: fc.constantFrom(...'abcXYZ019 -:,.()?!&$[]|\'"…é'.split('')), maxLength: 120 }),
        fc.array(fc.constantFrom('Title:', 'title :', 'Optimising', 'colour', 'modelling', 'centres', 'towards', 'catalogue', 'is', 'ization', ' - ', '...', 'Deep', 'x'), { maxLength: 12 }).map((w) => w.join(' ')),
        fc.string({ maxLength: 120 }),
      );
      fc.assert(
        fc.property(text, (t) => (plainKey(t) ?? titleKey(t)) === titleKey(t)),
        { numRuns: 5000 },
      );
      expect(plainKey('Title: Deep Sets')).toBeNull();
      expect(plainKey('Optimising Colour Models')).toBe(titleKey('Optimizing Color Models'));
    });

    it('ignores case and whitespace', () => {
      const words = fc.array(fc.stringMatching(/^[A-Za-zÀ-ÿ]{1,10}$/), { minLength: 1, maxLength: 12 });
      const space = fc.constantFrom(' ', '  ', '\n', '\t', '\u00a0', ' \r\n ');
      fc.assert(
        fc.property(words, space, (ws, sep) => {
          const plain = titleKey(ws.join(' '));
          return titleKey(ws.join(sep).toUpperCase()) === plain && titleKey(` ${ws.join(sep).toLowerCase()} `) === plain;
        }),
        { numRuns: 2000 },
      );
    });
  });
});
