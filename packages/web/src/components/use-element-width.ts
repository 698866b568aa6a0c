/**
 * The rendered width of an element, kept current with a ResizeObserver. Charts draw in pixels at
 * that width (viewBox = the box), so a 12 px label is 12 px on a 360 px phone as on a desktop —
 * a fixed viewBox scaled down to a phone made labels 5–8 px.
 */
import { type RefObject, useLayoutEffect, useRef, useState } from 'react';

export function useElementWidth<T extends HTMLElement>(fallback = 320): [RefObject<T | null>, number] {
  const ref = useRef<T | null>(null);
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const w = Math.floor(el.getBoundingClientRect().width);
      if (w > 0) setWidth(w);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}
