/**
 * An event as if the user made it. The lens acts only on trusted input (`isTrusted`), which a
 * browser sets only for real input; happy-dom leaves it undefined, so unit tests mark their
 * "user" events with this and leave page-script events as they are.
 */
export function trusted<E extends Event>(event: E): E {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}
