import { useEffect, useState } from 'react';

/** The window height minus `reserved` pixels (never below `min`), following window resizes. */
export function useViewportHeight(reserved: number, min = 280): number {
  const get = () => Math.max(min, window.innerHeight - reserved);
  const [h, setH] = useState(get);
  useEffect(() => {
    const on = () => setH(get());
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  });
  return h;
}

/** The width of an element (0 until it is laid out), following resizes. */
export function useElementWidth<T extends HTMLElement>(): [(el: T | null) => void, number] {
  const [width, setWidth] = useState(0);
  const [el, setEl] = useState<T | null>(null);
  useEffect(() => {
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    setWidth(el.clientWidth);
    return () => ro.disconnect();
  }, [el]);
  return [setEl, width];
}
