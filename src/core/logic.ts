// Logic over tensors: torch.equal and torch.allclose (one Python bool), logical_and/or/xor.
import { toDType } from './convert.js';
import { type Bitwise, bitwise, broadcastHost } from './elementwise.js';
import { tensor } from './creation.js';
import type { Operand } from './scalar.js';
import { broadcastShapes } from './shapes.js';
import { Tensor } from './tensor.js';

/** Same shape and the same values. */
export function equal(a: Tensor, b: Tensor): boolean {
  if (a.ndim !== b.ndim || a.shape.some((d, i) => d !== b.shape[i])) return false;
  const x = a.readSync();
  const y = b.readSync();
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** |a - b| <= atol + rtol * |b| everywhere, after broadcasting. */
export function allclose(a: Tensor, b: Tensor, rtol = 1e-5, atol = 1e-8): boolean {
  const shape = broadcastShapes(a.shape, b.shape);
  const x = broadcastHost(a, shape);
  const y = broadcastHost(b, shape);
  return x.every((v, i) => Math.abs(v - y[i]) <= atol + rtol * Math.abs(y[i]) || v === y[i]);
}

/** logical_and / logical_or / logical_xor: both operands taken as bool. */
export function logical(op: Bitwise, a: Operand, b: Operand): Tensor {
  const asBool = (o: Operand) => toDType(o instanceof Tensor ? o : tensor(o), 'bool');
  return bitwise(op, asBool(a), asBool(b));
}
