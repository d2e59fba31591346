/** Getting export text out of the extension page: the clipboard, or a downloaded file. */

/** Copies text; rejects where the page may not write the clipboard. */
export function copyText(text: string, nav: Navigator = navigator): Promise<void> {
  return nav.clipboard.writeText(text);
}

/** Offers text as a file download (a temporary object URL behind a clicked link). */
export function downloadText(text: string, type: string, fileName: string, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

export const BIBTEX_TYPE = 'application/x-bibtex';
export const CSV_TYPE = 'text/csv';
