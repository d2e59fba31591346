/**
 * Repair of mojibake: UTF-8 bytes that were decoded as Windows-1252, Windows-1250 or Latin-1
 * ("RodolĂ\u00a0" for "Rodolà"). A repair is made only when it is lossless: the text maps back
 * to bytes in one of those encodings, the bytes are valid UTF-8, and re-encoding the repaired
 * text gives the very same damaged text. Clean text with real diacritics fails one of these
 * checks and is left as it is.
 */

const SINGLE_BYTE_ENCODINGS = ['windows-1252', 'windows-1250', 'iso-8859-1'] as const;

// prettier-ignore
const WINDOWS_1252_80_9F = [
  '\u20ac', '', '\u201a', '\u0192', '\u201e', '\u2026', '\u2020', '\u2021', '\u02c6', '\u2030', '\u0160', '\u2039', '\u0152', '', '\u017d', '',
  '', '\u2018', '\u2019', '\u201c', '\u201d', '\u2022', '\u2013', '\u2014', '\u02dc', '\u2122', '\u0161', '\u203a', '\u0153', '', '\u017e', '\u0178',
];

/**
 * Lead bytes of the UTF-8 sequences that real mojibake in names and titles comes from:
 * Latin-1 Supplement and Latin Extended-A letters (0xC2–0xC5), Greek (0xCE–0xCF) and
 * general punctuation such as dashes and quotes (0xE2). Restricting to these keeps clean
 * Central-European text (e.g. "Čš", lead 0xC8) from being "repaired".
 */
const PLAUSIBLE_LEAD_BYTES = new Set([0xc2, 0xc3, 0xc4, 0xc5, 0xce, 0xcf, 0xe2]);

type ByteTable = Map<string, number>;
let tables: Map<string, ByteTable> | undefined;

/** char → byte tables built from the platform's own decoders (Node and browsers agree). */
function byteTables(): Map<string, ByteTable> {
  if (tables) return tables;
  tables = new Map();
  for (const encoding of SINGLE_BYTE_ENCODINGS) {
    const decoder = new TextDecoder(encoding);
    const table: ByteTable = new Map();
    for (let byte = 0x80; byte <= 0xff; byte++) {
      const ch = decoder.decode(new Uint8Array([byte]));
      if (ch !== '\ufffd' && !table.has(ch)) table.set(ch, byte);
    }
    // Node 20 decodes "windows-1252" as Latin-1 (C1 controls for 0x80–0x9f), so the
    // Windows-1252 punctuation block is spelled out here.
    if (encoding === 'windows-1252') {
      WINDOWS_1252_80_9F.forEach((ch, i) => ch && table.set(ch, 0x80 + i));
    }
    tables.set(encoding, table);
  }
  return tables;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Bytes of `text` in a single-byte encoding, or undefined when a character has no byte there. */
function toBytes(text: string, table: ByteTable): Uint8Array | undefined {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      bytes[i] = code;
      continue;
    }
    const byte = table.get(text[i]!);
    if (byte === undefined) return undefined;
    bytes[i] = byte;
  }
  return bytes;
}

function nonAsciiCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) n++;
  return n;
}

/** The inverse of toBytes. */
function fromBytes(bytes: Uint8Array, table: ByteTable): string | undefined {
  const charOf = new Map<number, string>();
  for (const [ch, byte] of table) charOf.set(byte, ch);
  let text = '';
  for (const byte of bytes) {
    const ch = byte < 0x80 ? String.fromCharCode(byte) : charOf.get(byte);
    if (ch === undefined) return undefined;
    text += ch;
  }
  return text;
}

/** A UTF-8 lead byte shown as text (0xC2–0xF4); mojibake always contains one. */
function hasLeadByteGlyph(text: string, table: ByteTable): boolean {
  for (const ch of text) {
    const byte = table.get(ch);
    if (byte !== undefined && byte >= 0xc2 && byte <= 0xf4) return true;
  }
  return false;
}

function repairOnce(text: string): string | undefined {
  for (const [, table] of byteTables()) {
    if (!hasLeadByteGlyph(text, table)) continue;
    // Exports often turn the NBSP continuation byte (0xA0) into a plain space: "RodolĂ ". After
    // Windows-1250's "Ă"/"Ĺ" that is the likely reading; after "Ã"/"Â" (as in "IRMÃ E") only
    // with more damage around it, e.g. encoded twice: "RodolÄ‚Â ".
    const spaceAfter = nonAsciiCount(text) >= 3 ? /(?<=[ĂĹÃÂ]) /gu : /(?<=[ĂĹ]) /gu;
    for (const candidate of [text, text.replace(spaceAfter, '\u00a0')]) {
      // "Å" or "Ä" before a no-break space is clean text far more often ("2.01 Å\u00a0resolution")
      // than the mojibake of "Š" or "Ġ".
      if (/[ÄÅ]\u00a0/.test(candidate)) continue;
      const bytes = toBytes(candidate, table);
      if (!bytes) continue;
      if (!bytes.every((b) => b < 0xc0 || PLAUSIBLE_LEAD_BYTES.has(b))) continue;
      let repaired: string;
      try {
        repaired = utf8.decode(bytes);
      } catch {
        continue;
      }
      if (repaired === candidate) continue;
      // Lossless round trip: the repaired text re-encodes to exactly the damaged text.
      if (fromBytes(new TextEncoder().encode(repaired), table) !== candidate) continue;
      return repaired;
    }
  }
  return undefined;
}

/**
 * Returns the repaired text (NFC), or the input NFC-normalised when nothing needed repair.
 * Double-encoded text is repaired up to twice.
 */
export function repairMojibake(text: string): string {
  // Fast path: plain ASCII cannot be mojibake.
  if (!/[^\x00-\x7f]/.test(text)) return text;
  let current = text;
  for (let round = 0; round < 2; round++) {
    const repaired = repairOnce(current);
    if (repaired === undefined) break;
    current = repaired;
  }
  return current.normalize('NFC');
}
