import { repairMojibake } from './mojibake';
import type { Repair } from './schema';

/**
 * Line breaks and tabs inside one-line text, with the spaces around them: one space, since
 * removing them would join two words ("Visual\r Tracking" → "Visual Tracking").
 */
const LINE_BREAKS = / *[\t\n\u000b\u000c\r\u0085\u2028\u2029][ \t\n\u000b\u000c\r\u0085\u2028\u2029]*/g;
/** Other C0/C1 controls and DEL: invisible debris, removed. */
const CONTROLS = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f]/g;
/** Bidi embedding, override, isolate and mark characters: they can make a name read reversed on screen. */
export const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * One-line text (titles, names, venues) with its control characters repaired: line breaks and
 * tabs become spaces, other controls and bidi controls go. Abstracts keep their line breaks and
 * control debris (real ones carry U+0002 for a hyphen) but lose bidi controls too.
 */
export function withoutControlCharacters(text: string, multiline = false): string {
  const noBidi = text.replace(BIDI_CONTROLS, '');
  return multiline ? noBidi : noBidi.replace(LINE_BREAKS, ' ').replace(CONTROLS, '');
}

/**
 * Repairs one imported text field, noting each repair for the build log, then trims it.
 * Mojibake first: its C1 characters are part of what it decodes. Trimming comes after the
 * repair: the last byte of a damaged "à" reads as a no-break space.
 */
export function repairField(
  value: string,
  where: { source: string; line: number; field: string },
  repairs: Repair[],
): string {
  const mojibakeFree = repairMojibake(value);
  if (mojibakeFree !== value.normalize('NFC')) repairs.push({ ...where, what: 'mojibake', from: value.trim(), to: mojibakeFree.trim() });
  const clean = withoutControlCharacters(mojibakeFree, where.field === 'abstract');
  if (clean !== mojibakeFree) repairs.push({ ...where, what: 'control characters', from: mojibakeFree.trim(), to: clean.trim() });
  return clean.trim();
}
