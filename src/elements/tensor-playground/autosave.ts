// Keeps a cell's edits (in saved-work.ts's WorkStore) so that a reload or a closed tab loses
// nothing, and says so on the cell when they cannot be kept.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { getKernel } from '../../kernel/client.js';
import { type SaveOutcome, WorkStore } from './saved-work.js';

/** Where every cell's edits are kept (localStorage, else IndexedDB). */
const workStore = new WorkStore();
/** Shown once per page where nothing can be stored (a sandboxed iframe without allow-same-origin). */
const NO_STORAGE_NOTE =
  'Edits are not saved on this page (it is in a sandboxed frame, or the browser blocks storage here): they are gone after a reload. Copy your code to keep it.';
const IN_PAGE_NOTE =
  ' The code also runs in the page itself, not in a background Worker, so a long run can slow the page.';
let noStorageExplained = false;
/** Shown on a cell, once, when its edits could not be saved anywhere (the site's storage is full). */
const STORAGE_FULL_NOTE =
  "Your edits to this cell could not be saved: this browser's storage for the site is full. Copy your code before you leave the page.";

/** What the saver reads from its cell. */
export interface AutosaveHost extends ReactiveControllerHost {
  readonly readonly: boolean;
  /** The code as the student has it now. */
  readonly value: string;
  /** The teacher's code the edits are based on. */
  readonly originalCode: string;
}

export class AutosaveController implements ReactiveController {
  /** Key of the cell's saved edits (with the page's path); empty until the code is loaded. */
  key = '';
  /** Why this cell's edits are not being kept, while that is so. */
  note = '';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private fullExplained = false;

  constructor(
    private readonly host: AutosaveHost,
    /** Shows a note in the cell's output. */
    private readonly say: (note: string) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // A tab closed or switched away within the save's debounce must not lose the typing.
    window.addEventListener('pagehide', this.onPageHide);
    document.addEventListener('visibilitychange', this.onPageHide);
  }

  hostDisconnected(): void {
    window.removeEventListener('pagehide', this.onPageHide);
    document.removeEventListener('visibilitychange', this.onPageHide);
    this.flush();
  }

  /** The edits localStorage (or this tab's sessionStorage) holds for `original`, at once; else null. */
  loadLocal(original: string): string | null {
    return workStore.loadLocal(this.key, original)?.code ?? null;
  }

  /** The newest saved edits for `original`, IndexedDB included; else null. */
  loadNewest(original: string): Promise<string | null> {
    return workStore.load(this.key, original);
  }

  /** Saves the edits after a pause in the typing. */
  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), 300);
  }

  /** pagehide or visibilitychange: saving early is harmless, saving late loses the typing. */
  private onPageHide = () => this.flush();

  /** Saves pending edits now (the localStorage write is synchronous; IndexedDB follows). */
  flush(): void {
    if (this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.key)
      void workStore
        .save(this.key, this.host.value, this.host.originalCode)
        .then((outcome) => this.onSaved(outcome));
  }

  private onSaved(outcome: SaveOutcome): void {
    if (outcome.result === 'unavailable') this.explainNoStorage();
    else if (outcome.result === 'full') {
      if (!this.fullExplained) this.setNote(STORAGE_FULL_NOTE);
      this.fullExplained = true;
    } else this.setNote('');
  }

  private setNote(note: string): void {
    if (note === this.note) return;
    this.note = note;
    this.host.requestUpdate();
  }

  /** After a run: says it when this page cannot keep edits at all. */
  checkAvailable(): void {
    if (workStore.unavailable) this.explainNoStorage();
  }

  /** Once per page, where no edit can be kept at all (as the wasm note is said once). */
  private explainNoStorage(): void {
    if (noStorageExplained || this.host.readonly) return;
    noStorageExplained = true;
    this.say(NO_STORAGE_NOTE + (getKernel().inWorker ? '' : IN_PAGE_NOTE));
  }
}
