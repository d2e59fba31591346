/**
 * Deterministic synthetic records at any size, shaped like the real corpus: Zipf-distributed
 * author names (so common names are shared by many papers — homonyms), names with diacritics,
 * titles built from ML vocabulary with some LaTeX, 1–12 authors, abstracts of realistic length.
 */
import type { Paper } from '../src/records/schema';
import { derivedPaperId } from '../src/records/paper-id';
import { pick, seededRandom } from './random';

const GIVEN = 'Lorenzo Wei Yu Maria Anna Jun Ahmed Sofia Emanuele Chen Hiroshi Olga Lucas Fatima Jakub Zoë Sébastien Łukasz Ingrid Priya Tomás Mikaël Dmitri Aisha Kenji Håkon Renée José Nguyễn Ravi'.split(' ');
const FAMILY = 'Basile Zhang Wang Li Rossi Müller Rodolà Kowalski Nakamura Ivanova García Nguyen Smith Dubois Novák Søndergaard Öztürk Lefèvre Kim Patel Silva Cazzaniga Horváth Jääskeläinen Brontë Ferreira Schröder Takahashi Dvořák Andersson'.split(' ');
const HEADS = 'Learning Towards Rethinking Understanding Scaling Probing Revisiting Benchmarking Efficient Robust Provable Sparse Adaptive Contrastive Federated Causal Neural Generative Implicit Stochastic'.split(' ');
const WORDS = 'attention transformers diffusion models representations graphs networks policies reinforcement learning optimization gradient descent kernels embeddings alignment language vision multimodal retrieval reasoning planning uncertainty calibration generalization robustness privacy fairness compression quantization pruning distillation tokens memory agents exploration bandits manifolds geometry spectral decomposition inference sampling flows operators equations dynamics control segmentation detection tracking speech audio proteins molecules'.split(' ');
const LATEX = ['$\\ell_1$', '$\\alpha$', '$k$', '$\\mathcal{O}(n)$', '$\\epsilon$'];
const VENUES: [string, string, string][] = [
  ['NeurIPS', 'Conference', 'Conference Paper'],
  ['ICML', 'Conference', 'Conference Paper'],
  ['ICLR', 'Conference', 'Conference Paper'],
  ['TMLR', 'Journal', 'Journal Article'],
];

/** Index from a Zipf(s≈1) distribution over n items, by inverse-CDF on a harmonic table. */
function zipfSampler(n: number, random: () => number): () => number {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cdf[i] = sum += 1 / (i + 1);
  return () => {
    const x = random() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

export function syntheticPapers(count: number, seed = 1, abstractWords = 180): Paper[] {
  const random = seededRandom(seed);
  // About one distinct name per 2.5 papers, as in the real corpus (65k names / 32k papers · 5.3 slots).
  const nameCount = Math.max(50, Math.round(count * 2));
  const names = Array.from({ length: nameCount }, (_, i) => {
    const given = GIVEN[i % GIVEN.length]!;
    const family = FAMILY[Math.floor(i / GIVEN.length) % FAMILY.length]!;
    const round = Math.floor(i / (GIVEN.length * FAMILY.length));
    return round === 0 ? `${given} ${family}` : `${given} ${String.fromCharCode(65 + (round % 26))}. ${family}${round >= 26 ? `-${Math.floor(round / 26)}` : ''}`;
  });
  const author = zipfSampler(nameCount, random);
  const papers: Paper[] = [];
  for (let i = 0; i < count; i++) {
    const words = Array.from({ length: 4 + Math.floor(random() * 8) }, () => pick(random, WORDS));
    if (random() < 0.08) words.splice(1, 0, pick(random, LATEX));
    const title = `${pick(random, HEADS)} ${words.join(' ')} ${i.toString(36)}`;
    const [venue, venueKind, type] = pick(random, VENUES);
    const year = 2018 + Math.floor(random() * 8);
    const authors = [...new Set(Array.from({ length: 1 + Math.floor(random() * 8) }, () => names[author()]!))];
    const abstract = Array.from({ length: Math.round(abstractWords * (0.6 + random() * 0.8)) }, () => pick(random, WORDS)).join(' ');
    papers.push({ id: derivedPaperId(title, year), title, venue, venueKind, year, type, authors, abstract, provenance: [{ source: 'synthetic', line: i + 1, format: 'synthetic' }] });
  }
  return papers;
}
