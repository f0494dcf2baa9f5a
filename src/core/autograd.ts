// Reverse-mode autograd over the GradNodes ops record: order the graph, run each node's closure,
// sum broadcast gradients back to input shapes, accumulate into leaves' .grad in place.
import * as tf from '@tensorflow/tfjs-core';
import { isFloating } from './dtype.js';
import { selectDevice } from './device.js';
import { runtimeError } from './errors.js';
import { type GradNode, Tensor } from './tensor.js';
import { sizeString } from './shapes.js';

const SECOND_BACKWARD =
  'Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.';

/** Sums a broadcast gradient back to `shape`. */
export function unbroadcast(grad: tf.Tensor, shape: readonly number[]): tf.Tensor {
  if (grad.shape.length === shape.length && grad.shape.every((d, i) => d === shape[i])) return grad;
  let g = grad;
  const lead = g.rank - shape.length;
  if (lead > 0) g = tf.sum(g, [...Array(lead).keys()]);
  const axes: number[] = [];
  shape.forEach((d, i) => {
    if (d === 1 && g.shape[i] !== 1) axes.push(i);
  });
  if (axes.length) g = tf.sum(g, axes, true);
  return tf.reshape(g, shape as number[]);
}

/** tf.tidy for a list that may hold nulls. */
function tidyList(fn: () => (tf.Tensor | null)[]): (tf.Tensor | null)[] {
  let kept: (tf.Tensor | null)[] = [];
  tf.tidy(() => {
    kept = fn();
    kept.forEach((t) => t && tf.keep(t));
  });
  return kept;
}

function topoOrder(roots: readonly Tensor[]): Tensor[] {
  const order: Tensor[] = [];
  const seen = new Set<Tensor>();
  // Iterative DFS: lesson loops can build long chains.
  for (const root of roots) {
    const stack: [Tensor, number][] = [[root, 0]];
    if (seen.has(root)) continue;
    seen.add(root);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const [t, i] = top;
      const inputs = t.gradFn?.inputs ?? [];
      if (i < inputs.length) {
        top[1]++;
        const next = inputs[i];
        if (next.requiresGrad && !seen.has(next)) {
          seen.add(next);
          stack.push([next, 0]);
        }
      } else {
        stack.pop();
        order.push(t);
      }
    }
  }
  return order.reverse();
}

interface RunOptions {
  retainGraph: boolean;
  /** autograd.grad: collect gradients for these tensors instead of accumulating into .grad */
  collectFor?: readonly Tensor[];
}

function run(
  roots: readonly Tensor[],
  rootGrads: readonly tf.Tensor[],
  options: RunOptions,
): Map<Tensor, tf.Tensor> {
  const order = topoOrder(roots);
  const nodes: GradNode[] = [];
  for (const t of order) {
    const node = t.gradFn;
    if (!node) continue;
    if (node.freed && node.savesTensors) throw runtimeError(SECOND_BACKWARD);
    nodes.push(node);
  }
  const collect = options.collectFor ? new Set(options.collectFor) : null;
  const grads = new Map<Tensor, tf.Tensor>();
  const collected = new Map<Tensor, tf.Tensor>();
  const add = (t: Tensor, g: tf.Tensor) => {
    const prev = grads.get(t);
    if (prev) {
      grads.set(t, tf.add(prev, g));
      prev.dispose();
      g.dispose();
    } else grads.set(t, g);
  };
  roots.forEach((r, i) => add(r, tf.clone(rootGrads[i])));
  try {
    for (const t of order) {
      const g = grads.get(t);
      if (!g) continue;
      if (collect?.has(t)) collected.set(t, tf.clone(g));
      const node = t.gradFn;
      if (node) {
        if (t.retainsGrad && !collect) accumulateGrad(t, g);
        const fn = node.backwardFn;
        if (!fn) throw runtimeError(SECOND_BACKWARD);
        selectDevice(t.device);
        const inputGrads: (tf.Tensor | null)[] = tidyList(() => {
          // every gradient handed on must be its own tensor: the map disposes each one
          const seen = new Set<tf.Tensor>([g]);
          return fn(g).map((ig, i) => {
            if (!ig || !node.inputs[i].requiresGrad) return null;
            let r = unbroadcast(ig, node.inputs[i].shape);
            if (seen.has(r)) r = tf.clone(r);
            seen.add(r);
            return r;
          });
        });
        inputGrads.forEach((ig, i) => {
          if (!ig) return;
          const input = node.inputs[i];
          if (!input.requiresGrad) {
            ig.dispose();
            return;
          }
          add(input, ig);
        });
      } else if (!collect) {
        accumulateGrad(t, g);
      }
    }
  } finally {
    for (const g of grads.values()) g.dispose();
    if (!options.retainGraph) for (const node of nodes) node.free();
  }
  return collected;
}

/** Adds `g` into t.grad, keeping the same Tensor object once it exists. */
function accumulateGrad(t: Tensor, g: tf.Tensor): void {
  selectDevice(t.device);
  if (t.grad == null || t.grad.isDisposed) {
    t.grad = new Tensor(tf.clone(g), t.dtype, t.device);
  } else {
    const old = t.grad.data;
    t.grad.replaceData(tf.add(old, g));
  }
}

function checkGradOutputs(
  outputs: readonly Tensor[],
  gradOutputs: readonly (Tensor | null)[] | null,
): tf.Tensor[] {
  return outputs.map((out, i) => {
    const given = gradOutputs?.[i] ?? null;
    if (given == null) {
      if (out.numel !== 1) throw runtimeError('grad can be implicitly created only for scalar outputs');
      selectDevice(out.device);
      return tf.onesLike(out.data);
    }
    const a = given.shape;
    const b = out.shape;
    if (a.length !== b.length || a.some((d, j) => d !== b[j])) {
      throw runtimeError(
        `Mismatch in shape: grad_output[${i}] has a shape of ${sizeString(a)} and output[${i}] has a shape of ${sizeString(b)}.`,
      );
    }
    return given.data;
  });
}

function checkRequiresGrad(outputs: readonly Tensor[]): void {
  outputs.forEach((out, i) => {
    if (!out.requiresGrad)
      throw runtimeError(`element ${i} of tensors does not require grad and does not have a grad_fn`);
  });
}

/** tensor.backward(gradient, retain_graph) */
export function backward(output: Tensor, gradient: Tensor | null = null, retainGraph = false): void {
  checkRequiresGrad([output]);
  const rootGrads = checkGradOutputs([output], [gradient]);
  const owned = gradient == null;
  try {
    run([output], rootGrads, { retainGraph });
  } finally {
    if (owned) rootGrads.forEach((g) => g.dispose());
  }
}

/** torch.autograd.grad(outputs, inputs, grad_outputs, retain_graph, allow_unused) */
export function grad(
  outputs: readonly Tensor[],
  inputs: readonly Tensor[],
  gradOutputs: readonly (Tensor | null)[] | null = null,
  retainGraph = false,
  allowUnused = false,
): (Tensor | null)[] {
  checkRequiresGrad(outputs);
  inputs.forEach((t) => {
    if (!t.requiresGrad) throw runtimeError('One of the differentiated Tensors does not require grad');
  });
  const rootGrads = checkGradOutputs(outputs, gradOutputs);
  let collected: Map<Tensor, tf.Tensor>;
  try {
    collected = run(outputs, rootGrads, { retainGraph, collectFor: inputs });
  } finally {
    outputs.forEach((_, i) => {
      if (gradOutputs?.[i] == null) rootGrads[i].dispose();
    });
  }
  return inputs.map((t) => {
    const g = collected.get(t);
    if (!g) {
      if (!allowUnused) {
        throw runtimeError(
          'One of the differentiated Tensors appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.',
        );
      }
      return null;
    }
    return new Tensor(g, t.dtype, t.device);
  });
}

/** tensor.requires_grad_(flag) */
export function setRequiresGrad(t: Tensor, flag: boolean, viaKeyword = false): Tensor {
  if (flag && !isFloating(t.dtype)) {
    throw runtimeError(
      viaKeyword
        ? 'Only Tensors of floating point and complex dtype can require gradients'
        : 'only Tensors of floating point dtype can require gradients',
    );
  }
  if (!flag && !t.isLeaf) {
    throw runtimeError(
      "you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().",
    );
  }
  t.requiresGrad = flag;
  return t;
}
