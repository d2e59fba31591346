/**
 * Stands in for WXT's `ContentScriptContext` in the bundle (aliased in wxt.config.ts). WXT's own
 * announces every start to the page (a `window.postMessage` naming the extension id) and stops
 * the script when a document event with that name arrives, which any page can send: a page could
 * fingerprint Arrow Lens and switch it off (tests/e2e/page-attacks.test.ts).
 * Arrow Lens keeps its own life cycle (src/content/lifecycle.ts), so this context tells the page
 * nothing and ends only when the extension itself goes away.
 */
import { browser } from 'wxt/browser';

export class ContentScriptContext {
  private readonly controller = new AbortController();

  constructor(
    readonly contentScriptName: string,
    readonly options?: unknown,
  ) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** True once the extension was reloaded, updated or removed (its runtime id is gone then). */
  get isInvalid(): boolean {
    if (browser.runtime?.id == null) this.notifyInvalidated();
    return this.controller.signal.aborted;
  }

  get isValid(): boolean {
    return !this.isInvalid;
  }

  onInvalidated(callback: () => void): () => void {
    this.controller.signal.addEventListener('abort', callback);
    return () => this.controller.signal.removeEventListener('abort', callback);
  }

  notifyInvalidated(): void {
    if (!this.controller.signal.aborted) this.controller.abort('Content script context invalidated');
  }
}
