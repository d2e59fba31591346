/** Static documents (no script execution) for adapter tests, as an adapter would see a page. */
import { Window } from 'happy-dom';
import { afterAll } from 'vitest';

const windows: Window[] = [];

afterAll(async () => {
  await Promise.all(windows.splice(0).map((w) => w.happyDOM.close()));
});

/** Closes `window` after the test file. */
export function closeAfterTests(window: Window): Window {
  windows.push(window);
  return window;
}

/** A static document for `html`, at `url`; closed after the test file. */
export function documentFor(html: string, url: string): Document {
  const window = closeAfterTests(new Window({ url }));
  return new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}
