/**
 * Styles of the injected UI. They live inside shadow roots, so the page cannot restyle us and
 * we cannot restyle the page. Sizes are in px: rem would follow the page's root font size.
 *
 * The hosts sit in the page's light DOM, so page rules (`* {…}`, `span`, `:not(:defined)`,
 * `*::before`) do reach them; `:host` declarations marked !important win over the page's, even
 * its !important ones, and `all: initial` resets every property a page rule could set. The
 * host's own ::before/::after are the page's to style unless we switch them off here.
 */
export const BADGE_CSS = `
/* The negative block margins keep the 18px badge from making its line taller (the page's layout
   must not move): its margin box is 10px, less than any line of text it sits in. */
:host { all: initial !important; display: inline-block !important; vertical-align: baseline !important; margin: -4px 0 -4px 6px !important; line-height: 1 !important; }
:host::before, :host::after { all: initial !important; content: none !important; display: none !important; }
/* Colours are custom properties set on the button itself (a page may set custom properties on
   our host, which would inherit; it cannot reach the button), listed once per look for the
   contrast test (tests/ui/contrast.test.ts). */
button { --badge-fg: #1d4d35; --badge-bg: #e6f2ec; --badge-hover: #d3eadf; --badge-border: #4f8a6b; --badge-focus: #1d5fd1; }
/* Dark pages (page-theme.ts, or the user's choice), not the operating system's dark mode. */
button.dark { --badge-fg: #d5f0e2; --badge-bg: #1f3a2d; --badge-hover: #29503d; --badge-border: #6fae8c; --badge-focus: #8ab4f8; }
button { all: initial; box-sizing: border-box; display: inline-flex; align-items: center; gap: 3px; cursor: pointer;
  font: 600 11px/16px system-ui, -apple-system, "Segoe UI", sans-serif; padding: 0 6px; height: 18px; border-radius: 9px;
  background: var(--badge-bg); color: var(--badge-fg); border: 1px solid var(--badge-border); white-space: nowrap; }
button:hover { background: var(--badge-hover); }
button:focus-visible { outline: 2px solid var(--badge-focus); outline-offset: 1px; }
`;

export const PREVIEW_CSS = `
:host { all: initial !important; position: fixed !important; top: 0 !important; left: 0 !important; z-index: 2147483647 !important; }
:host::before, :host::after { all: initial !important; content: none !important; display: none !important; }
/* Colours: custom properties on the card (out of the page's reach), once per look, read by the
   contrast test (tests/ui/contrast.test.ts). Dark follows the page (page-theme.ts) or the
   user's choice, not the operating system's dark mode. */
.card { --fg: #1b1f1d; --bg: #ffffff; --muted: #4a5a52; --link: #1a56b0; --border: #77877f; --focus: #1d5fd1; --hover: #eef2f0; --shadow: rgba(0,0,0,.18); }
.card[data-theme="dark"] { --fg: #e4ece8; --bg: #1c2420; --muted: #a9bbb1; --link: #8ab4f8; --border: #6d8277; --focus: #8ab4f8; --hover: #2a3530; --shadow: rgba(0,0,0,.5); }
/* The height cap is the free space beside the badge (placement.ts, set inline); the card scrolls,
   its head (title and close button) stays in view, and a title too long for six lines scrolls
   within the head, so no record can push the card past its cap. */
.card { box-sizing: border-box; position: fixed; overflow: auto; overscroll-behavior: contain; width: min(440px, calc(100vw - 16px));
  max-height: min(70vh, 520px); border-radius: 8px; border: 1px solid var(--border); background: var(--bg); color: var(--fg);
  box-shadow: 0 8px 28px var(--shadow); font: 13px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; text-align: left; }
.card[hidden], [hidden] { display: none; }
.head { position: sticky; top: 0; z-index: 1; display: flex; align-items: flex-start; gap: 8px; padding: 10px 8px 4px 14px; background: var(--bg); }
.body { padding: 0 14px 12px; }
.title { flex: 1; font-weight: 650; font-size: 14px; margin: 2px 0 0; max-height: 8.7em; overflow: auto; }
.title a { color: inherit; text-decoration: underline; text-decoration-thickness: 1px; text-underline-offset: 2px; }
.close { all: unset; flex: none; box-sizing: border-box; width: 24px; height: 24px; border-radius: 4px; text-align: center;
  font: 18px/22px system-ui, sans-serif; cursor: pointer; color: var(--muted); border: 1px solid var(--border); }
.close:hover { background: var(--hover); }
.meta { color: var(--muted); font-size: 12px; margin: 0 0 8px; }
/* Record text is untrusted: an unbreakable 1,000-character title must wrap, and a bidi override
   (U+202E) in a name must not reorder the separators and names around it. */
.title, .meta, .author, .abstract { overflow-wrap: anywhere; unicode-bidi: isolate; }
.authors { margin: 0 0 8px; padding: 0; list-style: none; display: flex; flex-wrap: wrap; gap: 2px 4px; }
.authors li::after { content: ","; }
.authors li:last-child::after, .authors li.toggle::after, .authors li:has(+ li.toggle)::after { content: ""; }
.author, .more-authors { all: unset; overflow-wrap: anywhere; unicode-bidi: isolate; cursor: pointer; color: var(--link); text-decoration: underline; text-underline-offset: 2px; font-size: 12px; }
.more-authors { text-decoration: none; font-weight: 600; }
.abstract { margin: 0; white-space: pre-line; overflow-wrap: anywhere; }
.abstract.clamped { display: -webkit-box; -webkit-line-clamp: 6; -webkit-box-orient: vertical; overflow: hidden; }
.more { all: unset; cursor: pointer; color: var(--link); font-size: 12px; margin-top: 4px; display: inline-block; }
.links { display: flex; flex-wrap: wrap; gap: 2px 10px; margin: 8px 0 0; padding: 0; list-style: none; font-size: 12px; }
.links a { color: var(--link); }
.note { color: var(--muted); font-size: 11px; margin: 8px 0 0; }
a:focus-visible, button:focus-visible { outline: 2px solid var(--focus); outline-offset: 1px; }
.matched-by { color: var(--muted); font-size: 11px; margin: 0 0 8px; }
`;
