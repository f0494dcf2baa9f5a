// Where the student's edits are kept, so a reload or a closed tab loses nothing.
//
// localStorage first: it is synchronous, so a save made while the page is being hidden or closed
// (pagehide, visibilitychange) lands before the page goes. An LMS origin's localStorage is shared by
// every course on it and fills up (about 5 MB); then the edit goes to IndexedDB, which has its own,
// much larger quota, and at once (synchronously) to sessionStorage, which has its own quota too and
// survives a reload of the tab when the page is left before IndexedDB's write has committed. Only when IndexedDB does not serve either are our own oldest saved cells
// evicted from localStorage to make room. Every access is guarded: storage may be missing or throw
// (sandboxed iframes, private windows, quota).
import { createStore, del, get, set, type UseStore } from 'idb-keyval';

export const PREFIX = 'torchlet:playground:';

export interface SavedWork {
  /** The student's code. */
  code: string;
  /** The teacher's code it was based on: a changed lesson does not restore stale work. */
  original: string;
  /** When it was saved (ms since the epoch): the newest copy wins, the oldest is evicted first. */
  savedAt?: number;
}

/**
 * What became of a save. `saved`: in localStorage (`evicted` older cells made room); `saved-elsewhere`:
 * in IndexedDB; `forgotten`: the code equals the teacher's, so nothing is kept; `full`: storage is
 * there but nothing would take the edit; `unavailable`: this page has no storage at all.
 */
export type SaveOutcome =
  { result: 'saved'; evicted: number } | { result: 'saved-elsewhere' | 'forgotten' | 'full' | 'unavailable' };

/** The asynchronous fallback store (IndexedDB in a browser). */
export interface FallbackStore {
  get(key: string): Promise<SavedWork | undefined>;
  set(key: string, value: SavedWork): Promise<void>;
  delete(key: string): Promise<void>;
}

export function storageKey(key: string): string {
  const page = typeof location === 'undefined' ? '' : location.pathname;
  return `${PREFIX}${page}#${key}`;
}

function isQuotaError(err: unknown): boolean {
  const name = (err as { name?: unknown } | null)?.name;
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
}

function parse(raw: string | null | undefined): SavedWork | undefined {
  if (!raw) return undefined;
  try {
    const saved = JSON.parse(raw) as Partial<SavedWork> | null;
    if (typeof saved?.code !== 'string' || typeof saved.original !== 'string') return undefined;
    return {
      code: saved.code,
      original: saved.original,
      savedAt: typeof saved.savedAt === 'number' ? saved.savedAt : 0,
    };
  } catch {
    return undefined;
  }
}

export function browserLocalStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // a sandboxed iframe throws SecurityError on the mere read
  }
}

export function browserSessionStorage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

const DB_NAME = 'torchlet';
let indexedDbStore: FallbackStore | null | undefined;
/** torchlet's IndexedDB store, or null where IndexedDB is missing or refused (opaque origins). */
export function browserIndexedDb(): FallbackStore | null {
  if (indexedDbStore !== undefined) return indexedDbStore;
  try {
    if (typeof indexedDB === 'undefined') return (indexedDbStore = null);
    const store: UseStore = createStore(DB_NAME, 'saved-work');
    // idb-keyval opens the database on first use: a refusal (SecurityError in an opaque origin)
    // shows only then, and from then on this page has no IndexedDB.
    const guard = async <T>(use: () => Promise<T>): Promise<T> => {
      try {
        return await use();
      } catch (err) {
        if ((err as { name?: unknown } | null)?.name === 'SecurityError') indexedDbStore = null;
        throw err;
      }
    };
    // Reading does not create the database: a site whose localStorage never filled gets none.
    let exists: Promise<boolean> | undefined;
    const created = () =>
      (exists ??= Promise.resolve(indexedDB.databases?.())
        .then((list) => !list || list.some((db) => db.name === DB_NAME))
        .catch(() => true));
    indexedDbStore = {
      get: async (key) => ((await created()) ? guard(() => get<SavedWork>(key, store)) : undefined),
      set: (key, value) => {
        exists = Promise.resolve(true);
        return guard(() => set(key, value, store));
      },
      delete: async (key) => ((await created()) ? guard(() => del(key, store)) : undefined),
    };
  } catch {
    indexedDbStore = null;
  }
  return indexedDbStore;
}

export class WorkStore {
  constructor(
    private readonly local: () => Storage | null = browserLocalStorage,
    private readonly fallback: () => FallbackStore | null = browserIndexedDb,
    private readonly now: () => number = Date.now,
    private readonly tab: () => Storage | null = browserSessionStorage,
  ) {}

  /** True when neither store can be reached at all (nothing the student types can be kept). */
  get unavailable(): boolean {
    return !this.local() && !this.fallback();
  }

  /** The saved code for this cell from the synchronous stores, if it belongs to `original`. */
  loadLocal(key: string, original: string): SavedWork | undefined {
    const read = (store: () => Storage | null) => {
      try {
        const saved = parse(store()?.getItem(storageKey(key)));
        return saved?.original === original ? saved : undefined;
      } catch {
        return undefined;
      }
    };
    const local = read(this.local);
    const tab = read(this.tab);
    return (tab?.savedAt ?? -1) > (local?.savedAt ?? -1) ? tab : local;
  }

  /** The newest saved code for this cell from either store, if it belongs to `original`. */
  async load(key: string, original: string): Promise<string | null> {
    const local = this.loadLocal(key, original);
    let other: SavedWork | undefined;
    try {
      const found = await this.fallback()?.get(storageKey(key));
      other = found?.original === original && typeof found.code === 'string' ? found : undefined;
    } catch {
      other = undefined;
    }
    const newest = (other?.savedAt ?? -1) > (local?.savedAt ?? -1) ? other : local;
    return newest?.code ?? null;
  }

  /**
   * Saves the student's code, or forgets it when it equals the teacher's. The localStorage write
   * happens before this returns its promise, so a save called from pagehide is not lost.
   */
  async save(key: string, code: string, original: string): Promise<SaveOutcome> {
    const full = storageKey(key);
    const local = this.local();
    const fallback = this.fallback();
    if (code === original) {
      for (const store of [local, this.tab()])
        try {
          store?.removeItem(full);
        } catch {
          // Nothing to forget where storage cannot be reached.
        }
      await fallback?.delete(full).catch(() => undefined);
      return { result: local || fallback ? 'forgotten' : 'unavailable' };
    }
    const record: SavedWork = { code, original, savedAt: this.now() };
    const text = JSON.stringify(record);
    let localFull = false;
    let localBlocked = !local;
    if (local) {
      try {
        local.setItem(full, text);
        return { result: 'saved', evicted: 0 };
      } catch (err) {
        localFull = isQuotaError(err);
        localBlocked = !localFull; // SecurityError and the like: no storage here at all
      }
    }
    if (localFull) {
      // Synchronous, so a reload right after this still finds the edit (IndexedDB may not commit
      // before the page is gone); it does not outlive the tab, so it is not counted as saved.
      try {
        this.tab()?.setItem(full, text);
      } catch {
        // Its own quota: IndexedDB below.
      }
    }
    if (fallback) {
      try {
        await fallback.set(full, record);
        // An older copy left in localStorage must not win over this one on load: it is older anyway
        // (savedAt), and removing it frees room for the next save.
        try {
          local?.removeItem(full);
        } catch {
          // Best effort.
        }
        return { result: 'saved-elsewhere' };
      } catch {
        // IndexedDB refused too (its own quota, or blocked): evict below.
      }
    }
    if (local && localFull) {
      const evicted = this.evictUntilSaved(local, full, text);
      if (evicted !== null) return { result: 'saved', evicted };
    }
    return { result: !localBlocked || fallback ? 'full' : 'unavailable' };
  }

  /** Removes our own oldest saved cells (never another library's keys) until `text` fits; null if it never does. */
  private evictUntilSaved(local: Storage, full: string, text: string): number | null {
    const ours: { key: string; savedAt: number }[] = [];
    try {
      for (let i = 0; i < local.length; i++) {
        const key = local.key(i);
        if (key === null || key === full || !key.startsWith(PREFIX)) continue;
        ours.push({ key, savedAt: parse(local.getItem(key))?.savedAt ?? 0 });
      }
    } catch {
      return null;
    }
    ours.sort((a, b) => a.savedAt - b.savedAt);
    let evicted = 0;
    for (const { key } of ours) {
      try {
        local.removeItem(key);
        evicted++;
        local.setItem(full, text);
        return evicted;
      } catch (err) {
        if (!isQuotaError(err)) return null;
      }
    }
    return null;
  }
}
