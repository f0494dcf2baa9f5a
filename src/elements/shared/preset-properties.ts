// Frameworks (React, Vue, Svelte, Angular) may set a property on a tag before its class is
// defined (the library loads later, or client-only for SSR). The value then sits on the element as
// an own property that shadows the class's accessor, and the class never sees it. Lit does this
// hand-over for its reactive properties; plain accessors (a playground's `value`) need it here.

/** Moves own values of `names` from the instance onto the class's accessors. Call in the constructor. */
export function adoptPresetProperties(element: object, names: readonly string[]): void {
  const record = element as Record<string, unknown>;
  for (const name of names) {
    if (!Object.prototype.hasOwnProperty.call(element, name)) continue;
    const value = record[name];
    delete record[name];
    record[name] = value;
  }
}
