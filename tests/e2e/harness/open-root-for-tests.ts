/**
 * TEST ONLY: closed-root.ts with *open* roots, for the preview harness page, so axe-core (which
 * cannot see into closed roots) can check the same badge and preview components the extension
 * ships. The shipped build never uses this file. (harness.ts substitutes it for every other
 * import of `…/closed-root`, not for this one.)
 */
import { shadowRootStore } from '../../../src/ui/closed-root';

export const { attachClosedRoot, closedRootOf } = shadowRootStore('open');
