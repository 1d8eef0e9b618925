import { useEffect } from 'react';

/** After a failed submit, moves focus to the first field marked invalid, or to the alert. */
export function useFocusFirstError(error: unknown, root: ParentNode = document): void {
  useEffect(() => {
    if (error === null || error === undefined) return;
    const frame = window.requestAnimationFrame(() => {
      const target = root.querySelector<HTMLElement>('[aria-invalid="true"]') ?? root.querySelector<HTMLElement>('[role="alert"]');
      if (target !== null && target.tabIndex < 0 && target.getAttribute('role') === 'alert') target.tabIndex = -1;
      target?.focus();
    });
    return () => window.cancelAnimationFrame(frame);
  }, [error, root]);
}
