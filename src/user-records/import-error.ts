/** Why a file was not imported at all, as `file:line: field: message` lines. Kept apart from
 * import-file.ts so the options page can show it without bundling the importers (they run in
 * the import worker). */
export class ImportError extends Error {
  constructor(readonly problems: string[]) {
    super(problems[0] ?? 'import failed');
  }
}
