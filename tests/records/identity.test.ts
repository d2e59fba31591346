/**
 * Paper identity: page ids parsed from URLs, links kept only when http(s), the compact stored
 * form, and finding a paper by page id on real ML Anthology records (data/mlanthology, in the repo).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeIdentity, encodeIdentity, LINK_KINDS, pageId, pageIdsFromUrl, parsePageId, safeLink, unionIdentity, type PaperIdentity } from '../../src/records/identity';
import { importSource } from '../../src/records/import-source';
import { importJson, type JsonImportResult } from '../../src/records/json-records';
import { mergeRecords } from '../../src/records/merge';
import { linesWithCodes, paperTuple } from '../../src/records/index-format';
import { partFromTuples, RecordIndex } from '../../src/records/record-index';
import { formatRepair } from '../../src/records/schema';
import { serialiseIndex } from '../../src/records/write-index';
import { PROJECT_DIR } from '../helpers/seed';

const MLA = join(PROJECT_DIR, 'data/mlanthology');
const importMla = (file: string): JsonImportResult => importSource(gunzipSync(readFileSync(join(MLA, file))).toString('utf8'), file);

describe('pageIdsFromUrl', () => {
  it.each([
    ['https://openreview.net/forum?id=WQ9rnkaUWm', ['openreview:WQ9rnkaUWm']],
    ['https://openreview.net/pdf?id=WQ9rnkaUWm&noteId=x', ['openreview:WQ9rnkaUWm']],
    ['https://openreview.net/group?id=ICLR.cc/2025', []],
    ['https://doi.org/10.1109/CVPR.1988.196346', ['doi:10.1109/cvpr.1988.196346']],
    ['http://dx.doi.org/10.1007/978-3-540-39624-6_10', ['doi:10.1007/978-3-540-39624-6_10']],
    ['https://dl.acm.org/doi/pdf/10.1145/130385.130393', ['doi:10.1145/130385.130393']],
    ['https://link.springer.com/content/pdf/10.1007/3-540-57369-0_31.pdf', ['doi:10.1007/3-540-57369-0_31']],
    ['https://arxiv.org/abs/2101.00001v3', ['arxiv:2101.00001']],
    ['http://arxiv.org/pdf/1507.04523', ['arxiv:1507.04523']],
    ['https://arxiv.org/abs/cs/0101001v1', ['arxiv:cs/0101001']],
    ['https://arxiv.org/list/cs.LG/recent', []],
    ['https://proceedings.mlr.press/v258/abeles25a.html', ['pmlr:v258/abeles25a']],
    ['https://proceedings.mlr.press/v258/abeles25a/abeles25a.pdf', ['pmlr:v258/abeles25a']],
    ['https://raw.githubusercontent.com/mlresearch/v258/main/assets/abeles25a/abeles25a.pdf', ['pmlr:v258/abeles25a']],
    ['https://proceedings.neurips.cc/paper_files/paper/2023/hash/0001ca33ba34ce0351e4612b744b3936-Abstract-Conference.html', ['neurips:2023/0001ca33ba34ce0351e4612b744b3936']],
    ['https://papers.nips.cc/paper/2014/file/317FD294BFD5C40816CE48BAE30B1D4C-Paper.pdf', ['neurips:2014/317fd294bfd5c40816ce48bae30b1d4c']],
    ['https://openaccess.thecvf.com/content/CVPR2021/html/Liu_Invertible_CVPR_2021_paper.html', ['cvf:content/CVPR2021/html/Liu_Invertible_CVPR_2021_paper.html']],
    ['https://openaccess.thecvf.com/content/CVPR2021/papers/Liu_Invertible_CVPR_2021_paper.pdf', ['cvf:content/CVPR2021/html/Liu_Invertible_CVPR_2021_paper.html']],
    ['https://openaccess.thecvf.com/content/CVPR2021W/LLID/html/Ghosh_X_CVPRW_2021_paper.html', ['cvf:content/CVPR2021W/LLID/html/Ghosh_X_CVPRW_2021_paper.html']],
    ['http://openaccess.thecvf.com/content_CVPRW_2019/html/MMLV/Gao_2.5D_Visual_Sound_CVPRW_2019_paper.html', ['cvf:content_CVPRW_2019/html/MMLV/Gao_2.5D_Visual_Sound_CVPRW_2019_paper.html']],
    ['https://openaccess.thecvf.com/content_CVPRW_2019/papers/MMLV/Gao_2.5D_Visual_Sound_CVPRW_2019_paper.pdf', ['cvf:content_CVPRW_2019/html/MMLV/Gao_2.5D_Visual_Sound_CVPRW_2019_paper.html']],
    ['https://www.ecva.net/papers/eccv_2018/papers_ECCV/papers/Zhijian_Liu_ECCV_2018_paper.pdf', ['ecva:eccv_2018/papers_ECCV/html/Zhijian_Liu_ECCV_2018_paper.php']],
    ['https://jmlr.org/papers/v3/bshouty02a.html', ['jmlr:v3/bshouty02a']],
    ['https://jmlr.org/papers/volume1/meila00a/meila00a.pdf', ['jmlr:v1/meila00a']],
    ['https://dblp.org/rec/conf/iclr/DosovitskiyB0WZ21.bib', ['dblp:conf/iclr/DosovitskiyB0WZ21']],
    ['https://example.org/paper.pdf', []],
    ['javascript:alert(1)', []],
    ['not a url', []],
  ])('%s', (url, ids) => {
    expect(pageIdsFromUrl(url)).toEqual(ids);
  });
});

describe('page ids and links', () => {
  it('normalises ids as they are written: doi lower-cased, arXiv without version, unknown kinds refused', () => {
    expect(parsePageId('DOI:10.1109/CVPR.2016.90')).toBe('doi:10.1109/cvpr.2016.90');
    expect(parsePageId('arxiv:1412.6980v9')).toBe('arxiv:1412.6980');
    expect(pageId('doi', 'https://doi.org/10.1234/ABC')).toBe('doi:10.1234/abc');
    expect(parsePageId('isbn:123')).toBeNull();
    expect(parsePageId('openreview:a b')).toBeNull();
    expect(parsePageId('neurips:317fd294bfd5c40816ce48bae30b1d4c')).toBeNull(); // the year is part of it
  });

  it('keeps only absolute http(s) URLs as links', () => {
    expect(safeLink('https://openreview.net/forum?id=x')).toBe('https://openreview.net/forum?id=x');
    expect(safeLink(' http://a.org/p q ')).toBe('http://a.org/p%20q');
    expect(safeLink('https://DOI.org/10.1109/CVPR.2016.90')).toBe('https://doi.org/10.1109/cvpr.2016.90');
    for (const bad of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<b>x</b>', '/relative/path', '//host/x', 'ftp://a.org/x', 'https://', 42, null]) {
      expect(safeLink(bad)).toBeNull();
    }
  });

  it('an import drops a link that is no http(s) URL and logs it; a malformed id is a problem', () => {
    const result = importJson(
      JSON.stringify([
        { title: 'A', year: 2020, authors: ['X'], ids: ['doi:10.1234/A'], links: { pdf: 'javascript:alert(1)', code: 'https://github.com/x/y', page: 'https://arxiv.org/abs/2101.00001' } },
        { title: 'B', year: 2020, authors: ['X'], ids: ['nonsense'] },
        { title: 'C', year: 2020, authors: ['X'], links: { homepage: 'https://x.org' } },
      ]),
      'mine.json',
    );
    expect(result.papers.map((p) => [p.title, p.ids, p.links])).toEqual([
      ['A', ['doi:10.1234/a', 'arxiv:2101.00001'], { code: 'https://github.com/x/y', page: 'https://arxiv.org/abs/2101.00001' }],
    ]);
    expect(result.repairs.map(formatRepair)).toEqual(['dropped unsafe link: mine.json:1: links.pdf: "javascript:alert(1)"']);
    expect(result.problems.map((p) => `${p.field}: ${p.message}`)).toEqual([
      'ids: id 1: "nonsense" is no page id (openreview:, doi:, arxiv:, pmlr:, neurips:, cvf:, ecva:, jmlr:, dblp:)',
      'links: unknown kind "homepage": expected page, pdf, openreview, doi, arxiv, code',
    ]);
  });

  it('merging unions ids and links and keeps which source gave what', () => {
    const a = importJson(JSON.stringify([{ title: 'Same', year: 2020, authors: ['X'], ids: ['openreview:abcdEFGH'], links: { code: 'https://github.com/a/b' } }]), 'a.json');
    const b = importJson(JSON.stringify([{ title: 'Same', year: 2020, authors: ['X'], ids: ['doi:10.1234/x'], links: { code: 'https://gitlab.com/other', pdf: 'https://x.org/p.pdf' } }]), 'b.json');
    const [paper] = mergeRecords([a, b]).papers;
    expect(paper!.ids).toEqual(['openreview:abcdEFGH', 'doi:10.1234/x']);
    expect(paper!.links).toEqual({ code: 'https://github.com/a/b', pdf: 'https://x.org/p.pdf' });
    expect(paper!.provenance.map((p) => [p.source, p.gave])).toEqual([
      ['a.json', { ids: ['openreview:abcdEFGH'], links: { code: 'https://github.com/a/b' } }],
      ['b.json', { ids: ['doi:10.1234/x'], links: { code: 'https://gitlab.com/other', pdf: 'https://x.org/p.pdf' } }],
    ]);
    const target: PaperIdentity = {};
    unionIdentity(target, {});
    expect(target).toEqual({});
  });
});

describe('the stored form of ids and links', () => {
  const files = ['neurips-2023.json.gz', 'icml-2023.json.gz', 'iclr-2024.json.gz', 'cvpr-2021.json.gz', 'eccv-2018.json.gz', 'jmlr-2002.json.gz'];
  it.each(files)('gives back every link of every paper of %s, storing far less than the URLs', (file) => {
    const { papers, problems } = importMla(`papers/${file}`);
    expect(problems).toEqual([]);
    let stored = 0;
    let urls = 0;
    for (const paper of papers) {
      const line = encodeIdentity(paper);
      const back = decodeIdentity(line);
      expect(back.ids).toEqual(paper.ids);
      for (const kind of LINK_KINDS) if (paper.links?.[kind] !== undefined) expect(back.links?.[kind]).toBe(paper.links[kind]);
      stored += line.length;
      urls += (paper.ids ?? []).join('\t').length + Object.values(paper.links ?? {}).join('\t').length;
    }
    expect(stored).toBeLessThan(urls * 0.7);
  });

  it('page-id codes: one pass finds each code only at a code boundary, per line', () => {
    // Lines are papers; each holds its ids' 4-character codes back to back.
    const text = ['AAAABBBB', '', 'ABBBCCCC', 'BBBB', 'XAAAA'].join('\n');
    const found = linesWithCodes(text, ['AAAA', 'BBBB', 'CCCC', 'ABBB', 'ZZZZ']);
    expect(Object.fromEntries(found)).toEqual({ AAAA: [0], BBBB: [0, 3], CCCC: [2], ABBB: [2], ZZZZ: [] });
    expect([...linesWithCodes(text, [])]).toEqual([]);
  });

  it('a long CVF workshop path is an id like any other: the paper is never left out for its ids', () => {
    const venueUrl =
      'http://openaccess.thecvf.com/content_CVPRW_2019/html/Augmented_Human_Humancentric_Understanding_and_2D3D_Synthesis/Huang_Infant_Contact-less_Non-Nutritive_Sucking_Pattern_Quantification_via_Facial_Gesture_Analysis_CVPRW_2019_paper.html';
    const line = JSON.stringify({ bibtex_key: 'huang2019cvprw-infant', title: 'Infant Contact-less Non-Nutritive Sucking', authors: [{ given: 'X', family: 'Huang', slug: 'huang-x' }], year: '2019', venue: 'cvprw', venue_type: 'conference', venue_url: venueUrl, pdf_url: 'https://openaccess.thecvf.com/content_CVPRW_2019/html/A/../../../content_CVPRW_2019/papers/A B/x.pdf', source: 'dblp', source_id: 'conf/cvpr/HuangX19' });
    const { papers, problems } = importSource(line, 'cvprw-legacy.jsonl');
    expect(problems).toEqual([]);
    expect(papers[0]!.ids).toEqual(['dblp:conf/cvpr/HuangX19', `cvf:${venueUrl.slice('http://openaccess.thecvf.com/'.length)}`]);
  });

  it('an ML Anthology paper carries its page, PDF, OpenReview, DOI and code links', () => {
    const neurips = importMla('papers/neurips-2023.json.gz').papers.find((p) => p.title.startsWith('Modelling Cellular Perturbations'))!;
    expect(neurips.ids).toEqual(['openreview:DzaCE00jGV', 'neurips:2023/0001ca33ba34ce0351e4612b744b3936']);
    expect(neurips.links).toEqual({
      page: 'https://proceedings.neurips.cc/paper_files/paper/2023/hash/0001ca33ba34ce0351e4612b744b3936-Abstract.html',
      pdf: 'https://proceedings.neurips.cc/paper_files/paper/2023/file/0001ca33ba34ce0351e4612b744b3936-Paper-Conference.pdf',
      openreview: 'https://openreview.net/forum?id=DzaCE00jGV',
    });
    // The page and the PDF follow from the proceedings id: only the PDF's file-name variant is stored.
    expect(encodeIdentity(neurips)).toBe('openreview:DzaCE00jGV\tneurips:2023/0001ca33ba34ce0351e4612b744b3936\tpdf=^1');
  });
});

describe('paperForPageId on real records', () => {
  let index: RecordIndex;
  beforeAll(async () => {
    // Hashes reused across NeurIPS years, a JMLR key in two volumes, a CoRL paper listed twice.
    const sources = ['papers/neurips-1987.json.gz', 'papers/neurips-2014.json.gz', 'papers/jmlr-2002.json.gz', 'papers/corl-2023.json.gz'].map(importMla);
    const merged = mergeRecords(sources);
    const files = serialiseIndex(merged.papers, merged.authorRows);
    index = await RecordIndex.load(async (name) => files.get(name)!);
  }, 60_000);

  const titleOf = async (id: string) => (await index.paperForPageId(id))?.title;

  it('keys NeurIPS proceedings hashes by year: the same hash names a 1987 and a 2014 paper', async () => {
    expect(await titleOf('neurips:1987/317fd294bfd5c40816ce48bae30b1d4c')).toBe('Scaling Properties of Coarse-Coded Symbol Memories');
    expect(await titleOf('neurips:2014/317fd294bfd5c40816ce48bae30b1d4c')).toMatch(/^Large Scale Canonical Correlation Analysis/);
    expect(await titleOf('neurips:2015/317fd294bfd5c40816ce48bae30b1d4c')).toBeUndefined();
    // Every hash both years use names one paper per year.
    const hashes = (file: string) => new Set(importMla(file).papers.flatMap((p) => (p.ids ?? []).filter((id) => id.startsWith('neurips:')).map((id) => id.slice(13))));
    const h1987 = hashes('papers/neurips-1987.json.gz');
    const shared = [...hashes('papers/neurips-2014.json.gz')].filter((h) => h1987.has(h));
    expect(shared.length).toBeGreaterThanOrEqual(10);
    for (const hash of shared) {
      const [a, b] = await Promise.all([index.paperForPageId(`neurips:1987/${hash}`), index.paperForPageId(`neurips:2014/${hash}`)]);
      expect([a?.year, b?.year]).toEqual([1987, 2014]);
    }
  });

  it('a JMLR key in two volumes names two papers, one per volume', async () => {
    expect(await titleOf('jmlr:v2/bshouty02a')).toMatch(/^On Using Extended Statistical Queries/);
    expect(await titleOf('jmlr:v3/bshouty02a')).toMatch(/^Learning Monotone DNF from a Teacher/);
  });

  it('a paper listed twice under one id is one paper after merging', async () => {
    expect(await titleOf('pmlr:v229/gieselmann23a')).toMatch(/^Expansive Latent Planning/);
  });

  it('finds a paper by any of its ids, in any spelling parsePageId accepts, with its links', async () => {
    const paper = await index.paperForPageId('neurips:2014/317FD294BFD5C40816CE48BAE30B1D4C');
    expect(paper?.links?.page).toBe('https://proceedings.neurips.cc/paper_files/paper/2014/hash/317fd294bfd5c40816ce48bae30b1d4c-Abstract.html');
    expect(await index.paperForPageId('not an id')).toBeUndefined();
    expect(await index.paperForPageId('openreview:nosuchforum')).toBeUndefined();
  });

  it('an id that names two papers after merging answers nothing: the title decides', async () => {
    const bundled = mergeRecords([importMla('papers/neurips-1987.json.gz')]);
    const files = serialiseIndex(bundled.papers, bundled.authorRows);
    const id = 'neurips:1987/317fd294bfd5c40816ce48bae30b1d4c';
    const mine = (title: string) =>
      partFromTuples(importJson(JSON.stringify([{ title, year: 1987, authors: ['Me'], ids: [id] }]), 'mine.json').papers.map(paperTuple), [], async () => '');
    // The user's copy of the same paper (same title and year) is that paper.
    const same = await RecordIndex.load(async (name) => files.get(name)!, [mine('Scaling Properties of Coarse-Coded Symbol Memories')]);
    expect((await same.paperForPageId(id))?.title).toBe('Scaling Properties of Coarse-Coded Symbol Memories');
    // Another paper claiming the id makes it ambiguous.
    const other = await RecordIndex.load(async (name) => files.get(name)!, [mine('Another Paper Entirely')]);
    expect(await other.paperForPageId(id)).toBeUndefined();
  });
});
