// Every torch op, by family. A new op goes in the file of its family (a new family: a new file,
// listed here). Names must be unique across families (checked by torch-ops.node.test.ts).
import type { TensorOps, TorchFunctions } from '../op.js';
import { creationFunctions } from './creation.js';
import { elementwiseFunctions, elementwiseOps } from './elementwise.js';
import { inplaceOps } from './inplace.js';
import { linalgFunctions, linalgOps } from './linalg.js';
import { nnFunctions, nnOps } from './nn.js';
import { reductionOps } from './reduction.js';
import { samplingOps } from './sampling.js';
import { shapeFunctions, shapeOps } from './shape.js';
import { tensorOps } from './tensor.js';

/** Ops on a tensor: Tensor methods and/or torch functions taking the tensor first. */
export const TENSOR_OP_FAMILIES: readonly TensorOps[] = [
  elementwiseOps,
  reductionOps,
  shapeOps,
  linalgOps,
  nnOps,
  inplaceOps,
  tensorOps,
  samplingOps,
];
/** torch functions whose first argument is not a tensor. */
export const TORCH_FUNCTION_FAMILIES: readonly TorchFunctions[] = [
  creationFunctions,
  elementwiseFunctions,
  shapeFunctions,
  nnFunctions,
  linalgFunctions,
];

export const TENSOR_OPS: TensorOps = Object.assign({}, ...TENSOR_OP_FAMILIES);
export const TORCH_FUNCTIONS: TorchFunctions = Object.assign({}, ...TORCH_FUNCTION_FAMILIES);
