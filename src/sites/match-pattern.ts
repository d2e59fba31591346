/**
 * WebExtension match patterns (`<scheme>://<host><path>`), just enough to validate the adapters'
 * `matches` and to check that a URL is covered by one of them. `<all_urls>` is not used here.
 * https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/Match_patterns
 */

export interface ParsedMatchPattern {
  readonly scheme: '*' | 'http' | 'https';
  /** "*", "*.example.org" or "example.org". */
  readonly host: string;
  /** Starts with "/"; "*" matches any run of characters. */
  readonly path: string;
}

const PATTERN = /^(\*|https?):\/\/(\*|\*\.[^/*:]+|[^/*:]+)(\/.*)$/;

/** Parse a match pattern, or return undefined when it is not a valid http(s) pattern. */
export function parseMatchPattern(pattern: string): ParsedMatchPattern | undefined {
  const m = PATTERN.exec(pattern);
  if (!m) return undefined;
  const [, scheme, host, path] = m;
  if (scheme === undefined || host === undefined || path === undefined) return undefined;
  return { scheme: scheme as ParsedMatchPattern['scheme'], host: host.toLowerCase(), path };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

/** True when `url` is matched by `pattern` (as a browser would inject a content script). */
export function matchesPattern(pattern: string, url: URL): boolean {
  const parsed = parseMatchPattern(pattern);
  if (!parsed) return false;
  const scheme = url.protocol.replace(/:$/, '');
  if (parsed.scheme === '*' ? scheme !== 'http' && scheme !== 'https' : scheme !== parsed.scheme) {
    return false;
  }
  const host = url.hostname.toLowerCase();
  if (parsed.host !== '*') {
    if (parsed.host.startsWith('*.')) {
      const base = parsed.host.slice(2);
      if (host !== base && !host.endsWith(`.${base}`)) return false;
    } else if (host !== parsed.host) {
      return false;
    }
  }
  const pathRe = new RegExp(`^${parsed.path.split('*').map(escapeRegExp).join('.*')}$`);
  return pathRe.test(url.pathname + url.search);
}
