/**
 * How the real-browser tests read what the extension renders into a page. The shipped badge and
 * preview sit in *closed* shadow roots (src/ui/closed-root.ts), which page scripts — and so
 * `page.evaluate` — cannot open. The browsers' automation protocols can:
 * - Chromium: CDP `DOM.describeNode` with `pierce: true` lists a host's shadow roots, closed ones
 *   included; `DOM.resolveNode` turns one into a handle a function can be called with.
 * - Firefox: WebDriver BiDi serialises a host with `includeShadowTree: "all"`, closed roots
 *   included, as shared references a later `script.callFunction` can take as arguments.
 * Either way `fn(hosts, roots, arg)` runs in the page's main world with every element matching
 * `hostSelector` and its shadow root (null where it has none), and its result comes back as JSON.
 */
import type { CDPSession, Page as ChromiumPage } from 'playwright-core';
import type { Page as FirefoxPage } from 'puppeteer-core';

export type ShadowFunction<A, R> = (hosts: HTMLElement[], roots: (ShadowRoot | null)[], arg: A) => R | Promise<R>;

const cdpSessions = new WeakMap<ChromiumPage, Promise<CDPSession>>();

export async function inShadowRootsChromium<A, R>(page: ChromiumPage, hostSelector: string, fn: ShadowFunction<A, R>, arg: A): Promise<R> {
  let session = cdpSessions.get(page);
  if (!session) cdpSessions.set(page, (session = page.context().newCDPSession(page)));
  const cdp = await session;
  const objectGroup = 'arrow-lens-closed-roots';
  try {
    const { result: hostList, exceptionDetails } = await cdp.send('Runtime.evaluate', {
      expression: `[...document.querySelectorAll(${JSON.stringify(hostSelector)})]`,
      objectGroup,
    });
    if (exceptionDetails || !hostList.objectId) throw new Error(`cannot list ${hostSelector}: ${exceptionDetails?.text ?? 'no result'}`);
    const { result: properties } = await cdp.send('Runtime.getProperties', { objectId: hostList.objectId, ownProperties: true });
    const hostIds = properties.filter((p) => /^\d+$/.test(p.name)).sort((a, b) => Number(a.name) - Number(b.name));
    const rootArguments: { objectId?: string; value?: null }[] = [];
    for (const host of hostIds) {
      const { node } = await cdp.send('DOM.describeNode', { objectId: host.value!.objectId!, depth: 0, pierce: true });
      const root = node.shadowRoots?.[0];
      if (!root) {
        rootArguments.push({ value: null });
        continue;
      }
      const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: root.backendNodeId, objectGroup });
      rootArguments.push({ objectId: object.objectId! });
    }
    const { result: rootList } = await cdp.send('Runtime.callFunctionOn', {
      objectId: hostList.objectId,
      functionDeclaration: 'function (...roots) { return roots; }',
      arguments: rootArguments,
      objectGroup,
    });
    const called = await cdp.send('Runtime.callFunctionOn', {
      objectId: hostList.objectId,
      functionDeclaration: `function (roots, arg) { return (${fn.toString()})([...this], roots, arg); }`,
      arguments: [{ objectId: rootList.objectId! }, arg === undefined ? {} : { value: arg }],
      returnByValue: true,
      awaitPromise: true,
    });
    if (called.exceptionDetails) throw new Error(`in the shadow roots of ${hostSelector}: ${called.exceptionDetails.exception?.description ?? called.exceptionDetails.text}`);
    return called.result.value as R;
  } finally {
    await cdp.send('Runtime.releaseObjectGroup', { objectGroup }).catch(() => undefined);
  }
}

interface BidiConnection {
  send(method: string, params: object): Promise<{ result: BidiEvaluateResult }>;
}
type BidiEvaluateResult =
  | { type: 'success'; result: BidiRemoteValue }
  | { type: 'exception'; exceptionDetails: { text: string } };
interface BidiRemoteValue {
  type: string;
  sharedId?: string;
  value?: unknown;
}

export async function inShadowRootsFirefox<A, R>(page: FirefoxPage, hostSelector: string, fn: ShadowFunction<A, R>, arg: A): Promise<R> {
  // puppeteer keeps its BiDi connection and each frame's browsing-context id behind these two
  // (untyped) properties; neither puppeteer call lets a test ask for closed shadow roots.
  const connection = (page.browser() as unknown as { connection: BidiConnection }).connection;
  const context = (page.mainFrame() as unknown as { _id: string })._id;
  const call = async (functionDeclaration: string, args: object[], serializationOptions?: object): Promise<BidiRemoteValue> => {
    const { result } = await connection.send('script.callFunction', {
      functionDeclaration,
      arguments: args,
      target: { context },
      awaitPromise: true,
      resultOwnership: 'none',
      ...(serializationOptions ? { serializationOptions } : {}),
    });
    if (result.type === 'exception') throw new Error(`in the shadow roots of ${hostSelector}: ${result.exceptionDetails.text}`);
    return result.result;
  };
  const hostList = await call('(selector) => [...document.querySelectorAll(selector)]', [{ type: 'string', value: hostSelector }], {
    includeShadowTree: 'all',
    maxDomDepth: 0,
  });
  const hosts = (hostList.value as BidiRemoteValue[]).map((host) => ({ sharedId: host.sharedId! }));
  const roots = (hostList.value as { value?: { shadowRoot?: BidiRemoteValue | null } }[]).map((host) => {
    const root = host.value?.shadowRoot;
    return root?.sharedId ? { sharedId: root.sharedId } : { type: 'null' };
  });
  const result = await call(
    `async (hosts, roots, argJson) => JSON.stringify({ value: await (${fn.toString()})(hosts, roots, argJson === undefined ? undefined : JSON.parse(argJson)) })`,
    [
      { type: 'array', value: hosts },
      { type: 'array', value: roots },
      arg === undefined ? { type: 'undefined' } : { type: 'string', value: JSON.stringify(arg) },
    ],
  );
  return (JSON.parse(result.value as string) as { value: R }).value;
}
