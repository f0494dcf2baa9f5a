// torch.einsum over the core's own ops (so autograd follows): each operand's subscripts laid out
// over all the equation's letters (output letters first, then the summed ones), multiplied with
// broadcasting, then summed over the letters the output drops. A letter repeated in one operand
// takes its diagonal (times an identity mask, summed). Ellipses are not supported.
import { eye } from './creation.js';
import { runtimeError } from './errors.js';
import { mul } from './elementwise.js';
import { matmul } from './linalg.js';
import { sum } from './reduction.js';
import { permute, reshape } from './shapeops.js';
import type { Tensor } from './tensor.js';
import { renamedNode } from './activation.js';

const LETTER = /^[a-zA-Z]$/;

/** The input subscripts and the output's (implicit: the letters used once, in alphabetical order). */
function parse(equation: string, count: number): { inputs: string[]; output: string } {
  const compact = equation.replace(/\s+/g, '');
  const [lhs, rhs] = compact.split('->');
  if (compact.includes('...')) throw runtimeError('einsum(): ellipsis (...) is not supported in torchlet');
  const inputs = lhs.split(',');
  for (let i = 0; i < compact.length; i++) {
    const c = compact[i];
    if (!LETTER.test(c) && !',->'.includes(c))
      throw runtimeError(
        `einsum(): invalid subscript given at index ${i} in the equation string, subscripts must be in [a-zA-Z]`,
      );
  }
  if (inputs.length > count)
    throw runtimeError('einsum(): fewer operands were provided than specified in the equation');
  if (inputs.length < count)
    throw runtimeError('einsum(): more operands were provided than specified in the equation');
  const used = [...lhs.replace(/,/g, '')];
  const output =
    rhs ??
    [...new Set(used)]
      .filter((c) => used.indexOf(c) === used.lastIndexOf(c))
      .sort()
      .join('');
  const seen = new Set<string>();
  for (const c of output) {
    if (!used.includes(c))
      throw runtimeError(
        `einsum(): output subscript ${c} does not appear in the equation for any input operand`,
      );
    if (seen.has(c))
      throw runtimeError(`einsum(): output subscript ${c} appears more than once in the output`);
    seen.add(c);
  }
  return { inputs, output };
}

/** An operand with a letter repeated (`ii`): its diagonal along the first of the two dims. */
function diagonal(t: Tensor, letters: string[]): [Tensor, string[]] {
  for (let q = 1; q < letters.length; q++) {
    const p = letters.indexOf(letters[q]);
    if (p === q) continue;
    const n = t.shape[p];
    const maskShape = t.shape.map((d, i) => (i === p || i === q ? n : 1));
    const mask = reshape(eye(n, n, { dtype: t.dtype, device: t.device }), maskShape);
    const kept = sum(mul(t, mask), [q]);
    return diagonal(
      kept,
      letters.filter((_, i) => i !== q),
    );
  }
  return [t, letters];
}

/** An operand's dims in the given letters' order, reshaped to `groups` (products of their sizes). */
function grouped(t: Tensor, letters: string[], groups: string[][]): Tensor {
  const order = groups.flat();
  const permuted = permute(
    t,
    order.map((c) => letters.indexOf(c)),
  );
  const size = (c: string) => t.shape[letters.indexOf(c)];
  return reshape(
    permuted,
    groups.map((g) => g.reduce((n, c) => n * size(c), 1)),
  );
}

/**
 * Two operands with summed letters, as PyTorch contracts them (a batched matmul): letters of one
 * operand only that the output drops are summed first; then [batch, left, summed] @ [batch,
 * summed, right], back to the output's letters.
 */
function contract(
  [a, aLetters]: [Tensor, string[]],
  [b, bLetters]: [Tensor, string[]],
  output: string,
): Tensor {
  const dropOwn = (t: Tensor, letters: string[], other: string[]): [Tensor, string[]] => {
    const own = letters.filter((c) => !other.includes(c) && !output.includes(c));
    if (own.length === 0) return [t, letters];
    return [
      sum(
        t,
        own.map((c) => letters.indexOf(c)),
      ),
      letters.filter((c) => !own.includes(c)),
    ];
  };
  [a, aLetters] = dropOwn(a, aLetters, bLetters);
  [b, bLetters] = dropOwn(b, bLetters, aLetters);
  const batch = [...output].filter((c) => aLetters.includes(c) && bLetters.includes(c));
  const left = [...output].filter((c) => aLetters.includes(c) && !bLetters.includes(c));
  const right = [...output].filter((c) => bLetters.includes(c) && !aLetters.includes(c));
  const inner = aLetters.filter((c) => bLetters.includes(c) && !output.includes(c));
  const size = (c: string) =>
    aLetters.includes(c) ? a.shape[aLetters.indexOf(c)] : b.shape[bLetters.indexOf(c)];
  const product = matmul(
    grouped(a, aLetters, [batch, left, inner]),
    grouped(b, bLetters, [batch, inner, right]),
  );
  const letters = [...batch, ...left, ...right];
  const spread = reshape(product, letters.map(size));
  return permute(
    spread,
    [...output].map((c) => letters.indexOf(c)),
  );
}

export function einsum(equation: string, operands: readonly Tensor[]): Tensor {
  const { inputs, output } = parse(equation, operands.length);
  const sizes = new Map<string, number>();
  const laid = inputs.map((subscripts, k) => {
    const t = operands[k];
    if (subscripts.length !== t.ndim)
      throw runtimeError(
        `einsum(): the number of subscripts in the equation (${subscripts.length}) does not match the number of dimensions (${t.ndim}) for operand ${k} and no ellipsis was given`,
      );
    [...subscripts].forEach((c, i) => {
      const size = t.shape[i];
      const before = sizes.get(c);
      if (before !== undefined && before !== size && size !== 1 && before !== 1)
        throw runtimeError(
          `einsum(): subscript ${c} has size ${size} for operand ${k} which does not broadcast with previously seen size ${before}`,
        );
      if (before === undefined || before === 1) sizes.set(c, size);
    });
    return diagonal(t, [...subscripts]);
  });
  const summed = [...sizes.keys()].filter((c) => !output.includes(c));
  if (laid.length === 2 && summed.length > 0)
    return renamedNode(contract(laid[0], laid[1], output), 'ViewBackward0');
  const order = [...output, ...summed];
  // Each operand over all the letters: its own in that order, size 1 for the others.
  const spread = laid.map(([t, letters]) => {
    const mine = order.filter((c) => letters.includes(c));
    const permuted = permute(
      t,
      mine.map((c) => letters.indexOf(c)),
    );
    return reshape(
      permuted,
      order.map((c) => (letters.includes(c) ? t.shape[letters.indexOf(c)] : 1)),
    );
  });
  let product = spread.reduce((a, b) => mul(a, b));
  if (summed.length)
    product = sum(
      product,
      summed.map((_, i) => output.length + i),
    );
  // The node PyTorch's einsum ends in: a permute or a sum of one operand, a product of several, or
  // (a contraction, by bmm) a view.
  const node =
    operands.length === 1
      ? summed.length
        ? 'SumBackward1'
        : 'PermuteBackward0'
      : summed.length
        ? 'ViewBackward0'
        : 'MulBackward0';
  return renamedNode(product, node);
}
