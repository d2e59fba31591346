/**
 * Closed shadow roots for what the extension puts into a page (badge, preview). With a closed
 * root, `host.shadowRoot` is null for page scripts, so a page cannot read a record's title,
 * authors or abstract out of a preview the user opened, nor reach the buttons inside. The roots
 * are kept here, in the content script's own (isolated) world, where the page cannot reach them.
 */
export function shadowRootStore(mode: ShadowRootMode) {
  const roots = new WeakMap<Element, ShadowRoot>();
  return {
    attachClosedRoot(host: Element): ShadowRoot {
      const root = host.attachShadow({ mode });
      roots.set(host, root);
      return root;
    },
    /** The root this content script attached to `host`, or null (not ours, or none). */
    closedRootOf(host: Element): ShadowRoot | null {
      return roots.get(host) ?? null;
    },
  };
}

export const { attachClosedRoot, closedRootOf } = shadowRootStore('closed');
