/** Typed senders for the protocol: one place turns a Reply into a value or a thrown Error. */
import { browser } from 'wxt/browser';
import type { BackgroundRequest, ContentRequest, Reply, Response } from './protocol';

function unwrap<T>(reply: Reply<T> | undefined): T {
  if (!reply) throw new Error('no answer from the extension');
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

export async function askBackground<R extends BackgroundRequest>(request: R): Promise<Response<R>> {
  return unwrap((await browser.runtime.sendMessage(request)) as Reply<Response<R>> | undefined);
}

export async function askTab<R extends ContentRequest>(tabId: number, request: R): Promise<Response<R>> {
  return unwrap((await browser.tabs.sendMessage(tabId, request)) as Reply<Response<R>> | undefined);
}
