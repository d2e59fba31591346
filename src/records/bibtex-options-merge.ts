/**
 * Stands in for `lodash.merge` inside @retorquere/bibtex-parser (wxt.config.ts and
 * vitest.config.ts alias it here). The parser only merges its own options with their defaults,
 * and lodash's bundle finds the global object with `Function('return this')`, which
 * addons-linter reports as eval. deepmerge (maintained, no dependencies) does the same job;
 * arrays in the options replace the defaults', as in lodash's use here.
 */
import deepmerge from 'deepmerge';

export default function merge<T extends object>(target: T, source: object): T {
  return deepmerge(target, source as Partial<T>, { arrayMerge: (_defaults, given) => given }) as T;
}
