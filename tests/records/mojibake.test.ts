import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { repairMojibake } from '../../src/records/mojibake';
import { HAS_SHARED, MLANTHOLOGY_DIR } from '../helpers/shared-data';

/** What a UTF-8 string looks like when its bytes are read in a single-byte encoding. */
function damage(text: string, encoding: 'windows-1250' | 'latin1'): string {
  return new TextDecoder(encoding).decode(new TextEncoder().encode(text));
}

describe('mojibake repair', () => {
  it.each([
    ['Emanuele RodolĂ\u00a0', 'Emanuele Rodolà'],
    ['Emanuele RodolĂ ', 'Emanuele Rodolà'],
    ['JoÃ£o Gama', 'João Gama'],
    ['KÅ‚os', 'Kłos'],
    ['MÃƒÂ¼ller', 'Müller'], // encoded twice
    ['Imageâ€“Text', 'Image–Text'],
  ])('%j → %j', (damaged, clean) => {
    expect(repairMojibake(damaged)).toBe(clean);
  });

  it.each(['2.01 Å\u00a0resolution', 'Ä\u00a0x', 'Emanuele Rodolà', 'Ångström', 'Čšrn Šťastný', 'Łukasz Kaiser', 'Zoë Kravitz', 'naïve — “quoted”', 'Ørsted', 'Δ-learning'])(
    'leaves clean text %j as it is',
    (clean) => {
      expect(repairMojibake(clean)).toBe(clean);
    },
  );

  it('normalises to NFC', () => {
    expect(repairMojibake('Rodola\u0300')).toBe('Rodolà');
  });

  const nameChar = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ àáâãäåçèéêëìíîïñòóôõöøùúûüýÿčćďěłńňřšśťůźžżąęőűÀÁÂÄÅÇÈÉÊÎÑÓÖØÚÜČĆĎĚŁŃŘŠŚŤŮŹŽ'.split(''));
  const cleanName = fc.array(nameChar, { minLength: 1, maxLength: 30 }).map((chars) => chars.join('').normalize('NFC'));

  /**
   * A lead-byte glyph right before a continuation-byte glyph ("ÄŽ") *is* the mojibake of a real
   * letter ("Ď"); text holding such a pair is ambiguous by nature, so the property leaves it to
   * the real-corpus test below, which holds no such pair.
   */
  const continuationGlyphs = new TextDecoder('windows-1250').decode(Uint8Array.from({ length: 64 }, (_, i) => 0x80 + i));
  const ambiguous = new RegExp(`[ÂÃÄÅĂĹÎÏĎâ][${continuationGlyphs.replace(/[\]\\^-]/g, '\\$&')}ŠŒŽšœžŸ]`);

  it('property: clean names with diacritics are never changed', () => {
    fc.assert(
      fc.property(cleanName.filter((name) => !ambiguous.test(name)), (name) => repairMojibake(name) === name),
      { numRuns: 3000 },
    );
  });

  it('property: Latin-1 and Windows-1250 damage of Latin-1 names is undone', () => {
    const latin1Name = fc
      .array(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz àáâäçèéêëíîïñóôöøúüýÉÖÜ'.split('')), { minLength: 1, maxLength: 30 })
      .map((c) => c.join(''));
    fc.assert(
      fc.property(latin1Name, fc.constantFrom('windows-1250' as const, 'latin1' as const), (name, encoding) => {
        const damaged = damage(name, encoding);
        return repairMojibake(damaged) === name.normalize('NFC');
      }),
      { numRuns: 2000 },
    );
  });

  it.skipIf(!HAS_SHARED)('real corpus: no author name among 172k in ML Anthology is changed', () => {
    let names = 0;
    const changed: string[] = [];
    for (const file of readdirSync(MLANTHOLOGY_DIR).filter((f) => f.endsWith('.json.gz'))) {
      const data = JSON.parse(gunzipSync(readFileSync(join(MLANTHOLOGY_DIR, file))).toString('utf8')) as {
        papers: { authors: { given: string; family: string }[] }[];
      };
      for (const paper of data.papers) {
        for (const a of paper.authors) {
          const name = `${a.given} ${a.family}`.normalize('NFC');
          names++;
          if (repairMojibake(name) !== name) changed.push(name);
        }
      }
    }
    expect(names).toBeGreaterThan(170_000);
    expect(changed).toEqual([]);
    // 14 gzipped files and 172k names: about 2 s here, 5 s on a busy 2-core machine.
  }, 30_000);
});
