import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

declare global {
  // Augmenting Window needs an interface; only the held-drop test hook lives here.
  interface Window {
    __heldDrop?: () => void;
  }
}

export type DropFile = { name: string; content: Buffer | string; type?: string };

/** The Import screen: drop zone, progress, per-file results and the history table. */
export class ImportPage {
  readonly dropzone: Locator;
  readonly fileInput: Locator;
  readonly progress: Locator;
  readonly cancelButton: Locator;
  readonly results: Locator;
  readonly history: Locator;

  constructor(readonly page: Page) {
    this.dropzone = page.getByTestId('import-dropzone');
    this.fileInput = page.getByTestId('import-file-input');
    this.progress = page.getByTestId('import-progress');
    this.cancelButton = page.getByTestId('import-cancel');
    this.results = page.getByTestId('import-results');
    this.history = page.getByTestId('import-history');
  }

  static fromDisk(path: string, type = 'text/csv'): DropFile {
    return { name: basename(path), content: readFileSync(path), type };
  }

  /**
   * A real drop on the window: the files are built into a DataTransfer inside the page and
   * dragenter/dragover/drop are dispatched as the browser would. `hold` stops after dragover,
   * to look at the highlight.
   */
  async drop(files: DropFile[], options: { hold?: boolean } = {}): Promise<void> {
    const payload = files.map((f) => ({
      name: f.name,
      type: f.type ?? 'text/csv',
      base64: Buffer.from(f.content).toString('base64'),
    }));
    await this.page.evaluate(
      ({ payload, hold }) => {
        const dt = new DataTransfer();
        for (const f of payload) {
          const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
          dt.items.add(new File([bytes], f.name, { type: f.type }));
        }
        const target = document.querySelector('main') ?? document.body;
        const fire = (type: string) => target.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
        fire('dragenter');
        fire('dragover');
        if (!hold) fire('drop');
        else window.__heldDrop = () => fire('drop');
      },
      { payload, hold: options.hold ?? false },
    );
  }

  async releaseHeldDrop(): Promise<void> {
    await this.page.evaluate(() => window.__heldDrop?.());
  }

  /** Picks files through the "Choose files" input, as a person would with the file dialog. */
  async choose(paths: string[]): Promise<void> {
    await this.fileInput.setInputFiles(paths);
  }

  result(file: string): Locator {
    return this.results.locator(`[data-testid="import-result"][data-file="${file}"]`);
  }

  /** Waits until every named file is staged for review, then imports them all. */
  async importReviewed(files: string[]): Promise<void> {
    for (const f of files) await expect(this.result(f)).toHaveAttribute('data-status', 'staged', { timeout: 60_000 });
    await this.page.getByTestId('import-commit').click();
    for (const f of files) await expect(this.result(f)).toHaveAttribute('data-status', 'imported', { timeout: 60_000 });
  }

  historyRows(): Locator {
    return this.history.getByTestId('import-history-row');
  }
}
