import { describe, expect, it } from 'vitest';
import { importJson, importJsonl } from '../../src/records/json-records';
import { mergeRecords } from '../../src/records/merge';
import { derivedPaperId } from '../../src/records/paper-id';
import { formatProblem } from '../../src/records/schema';

const paper = { title: 'Head Pursuit: Probing Attention Specialization in Multimodal Transformers', year: 2025, venue: 'NeurIPS', authors: ['Lorenzo Basile', 'Alberto Cazzaniga'] };

describe('JSON and JSONL records', () => {
  it('reads a JSON array of papers with defaults for optional fields', () => {
    const result = importJson(JSON.stringify([paper], null, 2), 'mine.json');
    expect(result.problems).toEqual([]);
    expect(result.papers).toEqual([
      {
        ...paper,
        id: derivedPaperId(paper.title, 2025),
        venueKind: '',
        type: '',
        abstract: '',
        provenance: [{ source: 'mine.json', line: 2, format: 'json' }],
      },
    ]);
  });

  it('reads {"papers", "authorRows"} and keeps declared author rows', () => {
    const text = JSON.stringify({ papers: [{ ...paper, id: 'np-1' }], authorRows: [{ name: 'Lorenzo Basile', authorRows: 2 }] }, null, 1);
    const result = importJson(text, 'mine.json');
    expect(result.problems).toEqual([]);
    expect(result.papers[0]!.id).toBe('np-1');
    expect(result.authorRows.map((r) => [r.name, r.authorRows])).toEqual([['Lorenzo Basile', 2]]);
  });

  it('reads JSONL, one record a line, blank lines skipped', () => {
    const text = [JSON.stringify(paper), '', JSON.stringify({ name: 'Lorenzo Basile', authorRows: 2 })].join('\n');
    const result = importJsonl(text, 'mine.jsonl');
    expect(result.problems).toEqual([]);
    expect(result.papers[0]!.provenance[0]!.line).toBe(1);
    expect(result.authorRows[0]!.provenance.line).toBe(3);
  });

  it('invalid JSON on line N → file:N: json:', () => {
    const text = [JSON.stringify(paper), JSON.stringify(paper), '{"title": "broken", '].join('\n');
    expect(importJsonl(text, 'mine.jsonl').problems.map(formatProblem)).toEqual([
      expect.stringMatching(/^mine\.jsonl:3: json: invalid JSON: /),
    ]);
    const json = '[\n  {"title": "a", "year": 2020, "authors": []},\n  {"title": "b" "year": 2020}\n]';
    expect(importJson(json, 'mine.json').problems.map(formatProblem)).toEqual(['mine.json:3: json: invalid JSON: CommaExpected']);
  });

  it('missing title, wrong types and oversized fields name the field and the line', () => {
    const text = [
      JSON.stringify({ year: 2025, authors: ['A'] }),
      JSON.stringify({ title: 'T', year: '2025', authors: 'A' }),
      JSON.stringify({ title: 'T', year: 2025, authors: ['A'], abstract: 'x'.repeat(20_001) }),
    ].join('\n');
    expect(importJsonl(text, 'bad.jsonl').problems.map(formatProblem)).toEqual([
      'bad.jsonl:1: title: missing',
      'bad.jsonl:2: year: expected a whole year between 1900 and 2100, got "2025"',
      'bad.jsonl:2: authors: expected an array of names, got a string',
      'bad.jsonl:3: abstract: longer than 20000 characters (20001)',
    ]);
  });

  it('repairs mojibake in names and notes the field', () => {
    const result = importJsonl(JSON.stringify({ ...paper, authors: ['Emanuele RodolÃ\u00a0'] }), 'm.jsonl');
    expect(result.papers[0]!.authors).toEqual(['Emanuele Rodolà']);
    expect(result.repairs.map((r) => r.field)).toEqual(['authors[0]']);
  });
});

describe('merging sources', () => {
  it('the same paper from two sources becomes one record with both provenances', () => {
    const a = importJsonl(JSON.stringify({ ...paper, abstract: '' }), 'a.jsonl');
    const b = importJsonl(JSON.stringify({ ...paper, title: 'HEAD PURSUIT: probing attention specialization in multimodal transformers.', abstract: 'From b.' }), 'b.jsonl');
    const merged = mergeRecords([a, b]);
    expect(merged.problems).toEqual([]);
    expect(merged.papers).toHaveLength(1);
    expect(merged.papers[0]!.title).toBe(paper.title);
    expect(merged.papers[0]!.abstract).toBe('From b.');
    expect(merged.papers[0]!.provenance.map((p) => p.source)).toEqual(['a.jsonl', 'b.jsonl']);
  });

  it('the same title in another year stays a separate paper', () => {
    const a = importJsonl(JSON.stringify(paper), 'a.jsonl');
    const b = importJsonl(JSON.stringify({ ...paper, year: 2024 }), 'b.jsonl');
    expect(mergeRecords([a, b]).papers).toHaveLength(2);
  });

  it('a duplicate id on a different paper is an error naming both places', () => {
    const text = [JSON.stringify({ ...paper, id: 'x1' }), JSON.stringify({ ...paper, id: 'x1', title: 'Another paper entirely' })].join('\n');
    const merged = mergeRecords([importJsonl(text, 'dup.jsonl')]);
    expect(merged.problems.map(formatProblem)).toEqual(['dup.jsonl:2: id: duplicate id "x1" (also dup.jsonl:1, a different paper)']);
  });

  it('author rows come from distinct author ids when a source has them; declared counts win', () => {
    const rows = [
      { ...paper, id: 'a', authorIds: ['~Lorenzo_Basile1', '~Alberto_Cazzaniga1'] },
      { ...paper, id: 'b', title: 'Other', authorIds: ['~Lorenzo_Basile2', '~Alberto_Cazzaniga1'] },
    ];
    const merged = mergeRecords([importJsonl(rows.map((r) => JSON.stringify(r)).join('\n'), 'ids.jsonl')]);
    expect(Object.fromEntries(merged.authorRows)).toEqual({ 'lorenzo basile': 2, 'alberto cazzaniga': 1 });
    const declared = importJsonl(JSON.stringify({ name: 'Alberto Cazzaniga', authorRows: 3 }), 'd.jsonl');
    expect(mergeRecords([importJsonl(rows.map((r) => JSON.stringify(r)).join('\n'), 'ids.jsonl'), declared]).authorRows.get('alberto cazzaniga')).toBe(3);
  });
});
