import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import type { ReactNode } from 'react';

/** A small icon button with its name as tooltip and accessible label. */
export function RowAction({ title, onClick, disabled, children }: { title: string; onClick: () => void; disabled?: boolean; children: ReactNode }) {
  // A disabled button fires no events, so its tooltip needs a wrapper to hover.
  return (
    <Tooltip title={title}>
      <span>
        <IconButton size="small" aria-label={title} onClick={onClick} disabled={disabled}>
          {children}
        </IconButton>
      </span>
    </Tooltip>
  );
}

/**
 * After a row moved, puts focus back on its move button (or the other one at either end), so a
 * keyboard user can press it again; React may re-insert the focused node, which drops focus.
 */
export function refocusMoved(root: HTMLElement | null, rowId: string, delta: number): void {
  requestAnimationFrame(() => {
    const row = root?.querySelector(`[data-row-id="${CSS.escape(rowId)}"]`);
    const preferred = row?.querySelector<HTMLButtonElement>(`button[aria-label="${delta < 0 ? 'Move up' : 'Move down'}"]:not(:disabled)`);
    (preferred ?? row?.querySelector<HTMLButtonElement>('button[aria-label^="Move"]:not(:disabled)'))?.focus();
  });
}
