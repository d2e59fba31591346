/**
 * Turning a record file's bytes into text, the same way for the Node build and for files the
 * user imports in the browser: size cap, gzip detection, strict UTF-8 with the line of the
 * first bad byte. Decompression itself differs (zlib in Node, DecompressionStream in the
 * browser), so it is the caller's.
 */

/** Largest source accepted, uncompressed: far above real ones (NeurIPS 2025 is ~17 MB), far below V8's string limit. */
export const MAX_SOURCE_BYTES = 256 * 1024 * 1024;

/** A source that cannot be read as text: reported as `file:line: file: message`. */
export class SourceError extends Error {
  constructor(
    message: string,
    readonly line = 1,
  ) {
    super(message);
  }
}

export const TOO_LARGE = `larger than ${MAX_SOURCE_BYTES / 2 ** 20} MiB`;

export function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** The text of an uncompressed source, or a SourceError saying why it is not UTF-8 text. */
export function decodeSourceBytes(bytes: Uint8Array): string {
  if (bytes.length > MAX_SOURCE_BYTES) throw new SourceError(TOO_LARGE);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new SourceError(`not valid UTF-8 text: UTF-16 (byte-order mark ${bytes[0].toString(16).toUpperCase()} ${bytes[1]!.toString(16).toUpperCase()}); save it as UTF-8`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const { byte, line } = firstInvalidUtf8(bytes);
    throw new SourceError(`not valid UTF-8 text (byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')} at line ${line}); save it as UTF-8`, line);
  }
}

/** The first byte that is not valid UTF-8, and its line: where a lossy decode first shows U+FFFD that the file did not hold. */
function firstInvalidUtf8(bytes: Uint8Array): { byte: number; line: number } {
  const text = new TextDecoder('utf-8').decode(bytes);
  const encoder = new TextEncoder();
  let offset = 0;
  let from = 0;
  for (let i = text.indexOf('\ufffd'); i >= 0; i = text.indexOf('\ufffd', i + 1)) {
    offset += encoder.encode(text.slice(from, i)).length;
    from = i;
    // A U+FFFD spelled EF BF BD in the file is valid text; a replaced byte is not.
    if (!(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)) break;
  }
  let line = 1;
  for (let nl = bytes.indexOf(0x0a); nl >= 0 && nl < offset; nl = bytes.indexOf(0x0a, nl + 1)) line++;
  return { byte: bytes[offset] ?? 0, line };
}
