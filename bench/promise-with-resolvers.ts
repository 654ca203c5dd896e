/**
 * `Promise.withResolvers` (Node 22) for Node 20: PostGraphile 5.1 (grafast, grafserv) calls it.
 * Preloaded with `node -r` into the PostGraphile peer of the bench only; the server never loads it.
 */
interface WithResolvers<T> {
  promise: Promise<T>;
  resolve: (value: T | PromiseLike<T>) => void;
  reject: (reason?: unknown) => void;
}

const promise = Promise as unknown as { withResolvers?: <T>() => WithResolvers<T> };
if (typeof promise.withResolvers !== 'function') {
  promise.withResolvers = <T>(): WithResolvers<T> => {
    let resolve!: WithResolvers<T>['resolve'];
    let reject!: WithResolvers<T>['reject'];
    const created = new Promise<T>((yes, no) => {
      resolve = yes;
      reject = no;
    });
    return { promise: created, resolve, reject };
  };
}
