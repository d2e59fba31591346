import { titleKey } from '../matching/normalise-title';

/** 64-bit FNV-1a of a string's UTF-16 code units, as 13 base-36 digits. Stable across runs. */
export function stableHash(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(36).padStart(13, '0');
}

/** The key under which two records are the same paper: normalised title and year. */
export function paperMergeKey(title: string, year: number): string {
  return `${titleKey(title)}|${year}`;
}

/** Id for a record whose source gives none: derived from what makes it the same paper. */
export function derivedPaperId(title: string, year: number): string {
  return `p-${stableHash(paperMergeKey(title, year))}`;
}
