/**
 * Page ids read from hostile or odd listing markup: bounded, validated, resolved against the
 * page, never thrown. (The fixture pages' ids are checked in adapters.test.ts.)
 */
import { documentFor } from '../helpers/static-document';
import { describe, expect, it } from 'vitest';
import { MAX_IDS_PER_TITLE } from '../../src/sites/types';
import { linkedIds } from '../../src/sites/finders';
import { openreview } from '../../src/sites/openreview';
import { dblp } from '../../src/sites/dblp';
import { neuripsProceedings } from '../../src/sites/neurips-proceedings';


const LIST_URL = 'https://openreview.net/group?id=ICLR.cc/2025/Conference';
const note = (h4: string) => `<ul class="list-unstyled"><li><div class="note"><h4>${h4}</h4></div></li></ul>`;

describe('page ids of a title', () => {
  it('resolve relative links against the page and normalise them', () => {
    const doc = documentFor(note('<a href="/forum?id=Abc_-123">A Title</a><a class="pdf-link" href="/pdf?id=Abc_-123">pdf</a>'), LIST_URL);
    expect(openreview.findTitles(doc, new URL(LIST_URL)).map((f) => f.ids)).toEqual([['openreview:Abc_-123']]);
  });

  it('are at most MAX_IDS_PER_TITLE however many links an entry stuffs in', () => {
    const links = Array.from({ length: 30 }, (_, i) => `<a class="pdf-link" href="/pdf?id=Forum${i}x">pdf</a>`).join('');
    const doc = documentFor(note(`<a href="/forum?id=First1">A Title</a>${links}`), LIST_URL);
    const [found] = openreview.findTitles(doc, new URL(LIST_URL));
    expect(found?.ids).toHaveLength(MAX_IDS_PER_TITLE);
    expect(found?.ids?.[0]).toBe('openreview:First1');
  });

  it('drop what is no well-formed id: other schemes, bad forum ids, over-long hrefs', () => {
    const bad = [
      'javascript:alert(1)//openreview.net/forum?id=Abcd1234',
      'data:text/html,<a href=/forum?id=Abcd1234>',
      '/forum?id=<img src=x>',
      '/forum?id=ab',
      `/forum?id=${'a'.repeat(3_000)}`,
      '/profile?id=~Someone1',
      'http://[broken',
    ];
    const doc = documentFor(note(`<a href="/forum?id=">A Title</a>${bad.map((href) => `<a class="pdf-link" href="${href.replace(/"/g, '&quot;')}">x</a>`).join('')}`), LIST_URL);
    const found = openreview.findTitles(doc, new URL(LIST_URL));
    expect(found.map((f) => f.text)).toEqual(['A Title']);
    expect(found[0]?.ids).toBeUndefined();
  });

  it('a dblp entry whose id attribute is no dblp key gives only its linked ids', () => {
    const html = `<ul class="publ-list"><li class="entry inproceedings" id="not a key"><nav class="publ"><a href="https://doi.org/10.1109/CVPR.2016.90">ee</a></nav><cite class="data"><span class="title">Deep Residual Learning for Image Recognition.</span></cite></li></ul>`;
    const url = 'https://dblp.org/pid/34/7659.html';
    expect(dblp.findTitles(documentFor(html, url), new URL(url)).map((f) => f.ids)).toEqual([['doi:10.1109/cvpr.2016.90']]);
  });

  it('NeurIPS: the year comes from the path, so one hash gives a different id per year', () => {
    const hash = '317fd294bfd5c40816ce48bae30b1d4c';
    const entry = (year: number) => `<ul class="paper-list"><li class="conference"><div class="paper-content"><a title="paper title" href="/paper_files/paper/${year}/hash/${hash}-Abstract.html">A Title</a></div></li></ul>`;
    const ids = (year: number) => {
      const url = `https://proceedings.neurips.cc/paper_files/paper/${year}`;
      return neuripsProceedings.findTitles(documentFor(entry(year), url), new URL(url)).map((f) => f.ids);
    };
    expect(ids(2014)).toEqual([[`neurips:2014/${hash}`]]);
    expect(ids(2019)).toEqual([[`neurips:2019/${hash}`]]);
  });

  it('linkedIds: none for a missing scope, links in order for a present one', () => {
    const doc = documentFor('<div id="e"><a href="https://arxiv.org/abs/1412.6980v9">a</a><a href="https://doi.org/10.5555/X">b</a></div>', 'https://example.org/');
    expect(linkedIds(null, new URL('https://example.org/'))).toEqual([]);
    expect(linkedIds(doc.getElementById('e'), new URL('https://example.org/'))).toEqual(['arxiv:1412.6980', 'doi:10.5555/x']);
  });
});
