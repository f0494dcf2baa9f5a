// Statement positions: Compiler.at wraps each statement to record its line and tick the run
// control; a block or loop that runs many statements looks the parts up here and does that work
// inline, one JS call fewer per statement.
import type { Stmt } from './frame.js';

export interface Positioned {
  line: number;
  col: number;
  /** The statement's code without the wrapper. */
  inner: Stmt;
}

const parts = new WeakMap<Stmt, Positioned>();

/** Records what the wrapper `outer` runs. */
export function markPositioned(outer: Stmt, p: Positioned): Stmt {
  parts.set(outer, p);
  return outer;
}

/** The position and code of a wrapped statement; undefined for any other Stmt. */
export function positionedParts(s: Stmt): Positioned | undefined {
  return parts.get(s);
}
