import { MESSAGE_LIMITS } from '../messaging/protocol';

/** Deep link to the cluster page: `/cluster.html#name=Lorenzo%20Basile`. */
export function clusterPageUrl(name: string): string {
  return `/cluster.html#name=${encodeURIComponent(name)}`;
}

/** The author name in a cluster page's hash, or "" when there is none. */
export function nameFromHash(hash: string): string {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return (params.get('name') ?? '').slice(0, MESSAGE_LIMITS.queryLength);
}
