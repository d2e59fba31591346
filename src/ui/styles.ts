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
button { all: initial; box-sizing: border-box; display: inline-flex; align-items: center; gap: 3px; cursor: pointer;
  font: 600 11px/16px system-ui, -apple-system, "Segoe UI", sans-serif; padding: 0 6px; height: 18px; border-radius: 9px;
  background: #e6f2ec; color: #1d4d35; border: 1px solid #9cc8b1; white-space: nowrap; }
button:hover { background: #d3eadf; }
button:focus-visible { outline: 2px solid #2563eb; outline-offset: 1px; }
@media (prefers-color-scheme: dark) {
  button { background: #1f3a2d; color: #cfeede; border-color: #3f7a5c; }
  button:hover { background: #29503d; }
}
`;

export const PREVIEW_CSS = `
:host { all: initial !important; position: fixed !important; top: 0 !important; left: 0 !important; z-index: 2147483647 !important; }
:host::before, :host::after { all: initial !important; content: none !important; display: none !important; }
.card { box-sizing: border-box; position: fixed; width: min(440px, calc(100vw - 16px)); max-height: min(70vh, 520px); overflow: auto;
  padding: 12px 14px; border-radius: 8px; border: 1px solid #c9d3cd; background: #ffffff; color: #1b1f1d;
  box-shadow: 0 8px 28px rgba(0,0,0,.18); font: 13px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; text-align: left; }
.card[hidden] { display: none; }
.title { font-weight: 650; font-size: 14px; margin: 0 0 4px; }
.meta { color: #4a5a52; font-size: 12px; margin: 0 0 8px; }
/* Record text is untrusted: an unbreakable 1,000-character title must wrap, and a bidi override
   (U+202E) in a name must not reorder the separators and names around it. */
.title, .meta, .author, .abstract { overflow-wrap: anywhere; unicode-bidi: isolate; }
.authors { margin: 0 0 8px; padding: 0; list-style: none; display: flex; flex-wrap: wrap; gap: 2px 4px; }
.authors li::after { content: ","; }
.authors li:last-child::after { content: ""; }
.author { all: unset; overflow-wrap: anywhere; unicode-bidi: isolate; cursor: pointer; color: #1f5fbf; text-decoration: underline; text-underline-offset: 2px; font-size: 12px; }
.author:focus-visible, .more:focus-visible { outline: 2px solid #2563eb; outline-offset: 1px; }
.abstract { margin: 0; white-space: pre-line; overflow-wrap: anywhere; }
.abstract.clamped { display: -webkit-box; -webkit-line-clamp: 6; -webkit-box-orient: vertical; overflow: hidden; }
.more { all: unset; cursor: pointer; color: #1f5fbf; font-size: 12px; margin-top: 4px; display: inline-block; }
.note { color: #4a5a52; font-size: 11px; margin: 8px 0 0; }
.title a { color: inherit; text-decoration: underline; text-underline-offset: 2px; }
.links { margin: 0 0 8px; padding: 0; list-style: none; display: flex; flex-wrap: wrap; gap: 2px 10px; font-size: 12px; }
.links a { color: #1f5fbf; }
.matched-by { color: #4a5a52; font-size: 11px; margin: 0 0 8px; }
.title a:focus-visible, .links a:focus-visible { outline: 2px solid #2563eb; outline-offset: 1px; }
@media (prefers-color-scheme: dark) {
  .card { background: #1c2420; color: #e4ece8; border-color: #3b4a42; box-shadow: 0 8px 28px rgba(0,0,0,.5); }
  .meta, .note, .matched-by { color: #a9bbb1; }
  .author, .more, .links a { color: #8ab4f8; }
}
`;
