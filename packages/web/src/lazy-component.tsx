/**
 * A page or a card from a chunk of its own. It suspends only while the chunk is still on its way:
 * once the chunk has arrived (asked for early with `preload`) it renders at once, because a lazy
 * component that suspends even briefly holds its Suspense boundary's content back for React's
 * reveal throttle (300 ms after the fallback showed) — a third of a second on the first load of
 * every page whose chunk was already there.
 */
import { type ComponentType, lazy } from 'react';

export interface LazyComponent<P> {
  Component: ComponentType<P>;
  /** Starts the download now; settles once it has arrived or failed (a failure is left to the render that needs it). */
  preload(): Promise<void>;
}

export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>): LazyComponent<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const once = () => {
    loading ??= load().then((component) => (loaded = component));
    return loading;
  };
  const Lazy = lazy(async () => ({ default: await once() }));
  // biome-ignore lint/correctness/noComponentHookFactories: made once per chunk at module level, as React.lazy is
  function Loaded(props: P) {
    const Shown = loaded ?? Lazy;
    return <Shown {...props} />;
  }
  return {
    Component: Loaded,
    preload: () =>
      once().then(
        () => undefined,
        () => undefined,
      ),
  };
}
