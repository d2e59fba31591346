/**
 * TEST ONLY: closed-root.ts with *open* roots, for the preview harness page, so axe-core (which
 * cannot see into closed roots) can check the same badge and preview components the extension
 * ships. The shipped build never uses this file.
 */
const roots = new WeakMap<Element, ShadowRoot>();

export function attachClosedRoot(host: Element): ShadowRoot {
  const root = host.attachShadow({ mode: 'open' });
  roots.set(host, root);
  return root;
}

export function closedRootOf(host: Element): ShadowRoot | null {
  return roots.get(host) ?? null;
}
