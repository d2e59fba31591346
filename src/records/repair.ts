import { repairMojibake } from './mojibake';
import type { Repair } from './schema';

/**
 * Repairs one imported text field, noting the repair for the build log, then trims it.
 * Trimming comes after the repair: the last byte of a damaged "à" reads as a no-break space.
 */
export function repairField(
  value: string,
  where: { source: string; line: number; field: string },
  repairs: Repair[],
): string {
  const repaired = repairMojibake(value);
  if (repaired !== value.normalize('NFC')) repairs.push({ ...where, from: value.trim(), to: repaired.trim() });
  return repaired.trim();
}
