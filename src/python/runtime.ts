// The operations every Python value supports: attribute access, calls, operators, comparison,
// iteration, indexing, repr/str, truthiness, each in the file of src/python/runtime/ named for
// it. Each may end in Python code (a user __add__), so each returns a value or a Promise
// (MaybePromise); fast paths for ints, floats and strings stay sync.
export * from './runtime/values.js';
export * from './runtime/numbers.js';
export * from './runtime/attributes.js';
export * from './runtime/repr.js';
export * from './runtime/truth.js';
export * from './runtime/arithmetic.js';
export * from './runtime/comparison.js';
export * from './runtime/iteration.js';
export * from './runtime/depth.js';
export * from './runtime/indexing.js';
export * from './runtime/formatting.js';
export { mapMP, then } from './maybe-promise.js';
export { Ellipsis } from './objects.js';
export { floatRepr } from './format.js';
