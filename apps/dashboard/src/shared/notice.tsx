import type { ComponentChildren } from 'preact';

interface Props {
  readonly kind: 'loading' | 'empty' | 'error';
  readonly children: ComponentChildren;
}

/** Loading, empty and error states: said in words, and announced to screen readers. */
export function Notice({ kind, children }: Props) {
  return (
    <div class={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
