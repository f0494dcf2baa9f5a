import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type FallbackStore, PREFIX, type SavedWork, WorkStore, storageKey } from './saved-work.js';

/** localStorage as browsers have it: a quota on the characters of keys and values, QuotaExceededError past it. */
class QuotaStorage implements Storage {
  private map = new Map<string, string>();
  constructor(private quota: number) {}
  get length() {
    return this.map.size;
  }
  private used(except?: string) {
    let n = 0;
    for (const [k, v] of this.map) if (k !== except) n += k.length + v.length;
    return n;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    if (this.used(k) + k.length + v.length > this.quota) {
      const err = new Error('The quota has been exceeded.');
      err.name = 'QuotaExceededError';
      throw err;
    }
    this.map.set(k, String(v));
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
  clear() {
    this.map.clear();
  }
}

class MemoryStore implements FallbackStore {
  map = new Map<string, SavedWork>();
  constructor(private fails = false) {}
  async get(k: string) {
    if (this.fails) throw new Error('blocked');
    return this.map.get(k);
  }
  async set(k: string, v: SavedWork) {
    if (this.fails) throw new Error('QuotaExceededError');
    this.map.set(k, v);
  }
  async delete(k: string) {
    this.map.delete(k);
  }
}

let clock = 1000;
const tick = () => ++clock;

test('saves to localStorage and loads it back; the teacher code itself is not kept', async () => {
  const local = new QuotaStorage(10_000);
  const store = new WorkStore(
    () => local,
    () => null,
    tick,
    () => null,
  );
  assert.deepEqual(await store.save('a', 'x = 2', 'x = 1'), { result: 'saved', evicted: 0 });
  assert.equal(await store.load('a', 'x = 1'), 'x = 2');
  assert.equal(await store.load('a', 'x = 99'), null, 'a changed lesson does not restore stale work');
  assert.deepEqual(await store.save('a', 'x = 1', 'x = 1'), { result: 'forgotten' });
  assert.equal(local.getItem(storageKey('a')), null);
});

test('localStorage full (other courses filled it): the edit goes to IndexedDB and comes back from there', async () => {
  const local = new QuotaStorage(2_010);
  local.setItem('another-course', 'y'.repeat(1_990));
  const idb = new MemoryStore();
  const tab = new QuotaStorage(10_000);
  const store = new WorkStore(
    () => local,
    () => idb,
    tick,
    () => tab,
  );
  assert.deepEqual(await store.save('a', 'print("mine")', 'pass'), { result: 'saved-elsewhere' });
  assert.match(tab.getItem(storageKey('a'))!, /mine/, 'sessionStorage holds it at once, for a reload');
  tab.clear();
  assert.equal(local.getItem('another-course')!.length, 1_990, 'another library’s data is never touched');
  assert.equal(await store.load('a', 'pass'), 'print("mine")');
});

test('the newest copy wins when both stores hold one', async () => {
  const local = new QuotaStorage(10_000);
  const idb = new MemoryStore();
  const store = new WorkStore(
    () => local,
    () => idb,
    tick,
    () => null,
  );
  await idb.set(storageKey('a'), { code: 'old', original: 'pass', savedAt: 1 });
  await store.save('a', 'new', 'pass');
  assert.equal(await store.load('a', 'pass'), 'new');
  await idb.set(storageKey('a'), { code: 'newer in idb', original: 'pass', savedAt: clock + 100 });
  assert.equal(await store.load('a', 'pass'), 'newer in idb');
});

test('no IndexedDB: our own oldest saved cells are evicted to make room, oldest first, others kept', async () => {
  const local = new QuotaStorage(1_500);
  const store = new WorkStore(
    () => local,
    () => null,
    tick,
    () => null,
  );
  await store.save('oldest', 'a'.repeat(300), 'pass');
  await store.save('middle', 'b'.repeat(300), 'pass');
  await store.save('newest', 'c'.repeat(300), 'pass');
  local.setItem('not-ours', 'z'.repeat(200));
  const outcome = await store.save('now', 'd'.repeat(400), 'pass');
  assert.deepEqual(outcome, { result: 'saved', evicted: 1 });
  assert.equal(local.getItem(storageKey('oldest')), null);
  assert.notEqual(local.getItem(storageKey('middle')), null);
  assert.notEqual(local.getItem('not-ours'), null);
  assert.equal(await store.load('now', 'pass'), 'd'.repeat(400));
});

test('nothing can take it: "full" (storage there) or "unavailable" (no storage at all), never a throw', async () => {
  const local = new QuotaStorage(500);
  local.setItem('not-ours', 'z'.repeat(480));
  const full = new WorkStore(
    () => local,
    () => new MemoryStore(true),
    tick,
    () => null,
  );
  assert.deepEqual(await full.save('a', 'x'.repeat(100), 'pass'), { result: 'full' });
  assert.equal(local.getItem('not-ours')!.length, 480);
  const none = new WorkStore(
    () => null,
    () => null,
    tick,
    () => null,
  );
  assert.deepEqual(await none.save('a', 'x', 'pass'), { result: 'unavailable' });
  assert.equal(none.unavailable, true);
  assert.equal(await none.load('a', 'pass'), null);
});

test('storage that throws on every access (a sandboxed iframe) reads as nothing saved', async () => {
  const throwing = {
    getItem() {
      throw new DOMException('denied', 'SecurityError');
    },
    setItem() {
      throw new DOMException('denied', 'SecurityError');
    },
    removeItem() {
      throw new DOMException('denied', 'SecurityError');
    },
  } as unknown as Storage;
  const store = new WorkStore(
    () => throwing,
    () => null,
    tick,
    () => null,
  );
  assert.equal(await store.load('a', 'pass'), null);
  assert.deepEqual(await store.save('a', 'x', 'pass'), { result: 'unavailable' });
});

test('the localStorage write happens synchronously, before the first await (pagehide saves)', () => {
  const local = new QuotaStorage(10_000);
  const store = new WorkStore(
    () => local,
    () => new MemoryStore(),
    tick,
    () => null,
  );
  void store.save('a', 'typed just now', 'pass');
  assert.match(local.getItem(`${PREFIX}#a`) ?? '', /typed just now/);
});

test('localStorage full and the page left at once: sessionStorage has the edit synchronously, for the reload', async () => {
  const local = new QuotaStorage(100);
  local.setItem('not-ours', 'z'.repeat(90));
  const tab = new QuotaStorage(10_000);
  const never = {
    get: async () => undefined,
    set: () => new Promise<void>(() => {}),
    delete: async () => {},
  };
  const store = new WorkStore(
    () => local,
    () => never,
    tick,
    () => tab,
  );
  void store.save('a', 'typed just now', 'pass');
  const reloaded = new WorkStore(
    () => local,
    () => null,
    tick,
    () => tab,
  );
  assert.equal(await reloaded.load('a', 'pass'), 'typed just now');
});
