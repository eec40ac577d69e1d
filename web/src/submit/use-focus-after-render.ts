import { useRef } from 'react';

export interface FocusAfterRender {
  /** The element with this id takes focus when it is next rendered (it may not exist yet). */
  focusWhenRendered(id: string): void;
  /** The ref for the element with this id. */
  ref(id: string): (el: HTMLElement | null) => void;
}

/** Focus for fields a change of the form has yet to render: a ticket just added, the form after a reset. */
export function useFocusAfterRender(): FocusAfterRender {
  const pending = useRef<string | null>(null);
  return {
    focusWhenRendered(id) {
      pending.current = id;
    },
    ref: (id) => (el) => {
      if (el && pending.current === id) {
        pending.current = null;
        el.focus();
      }
    },
  };
}
