// `import numpy as np`: the Python face of the ndarray engine in src/python/numpy. Arrays are
// PyNative<NDArray>; 0-d results become Python floats/ints/bools (numpy 1.24 prints its float64,
// int64 and bool_ scalars exactly as Python does), float32 scalars a numpy.float32 object.
// The pieces live in numpy/ (listed in src/python/README.md); this file builds the module
// of one session from them and registers it.
import {
  type Kwargs,
  NativeFunction,
  newModule,
  None,
  pyFloat,
  type PyModule,
  type PyValue,
  type ModuleFactory,
} from '../objects.js';
import { dtypeType } from './numpy/dtype-type.js';
import { axisErrorType } from './numpy/errors.js';
import { FUNCTION_DOCS, numpyFunctions } from './numpy/functions.js';
import { float32Class, float64Class, ndarrayType, scalarClasses } from './numpy/ndarray-type.js';
import { buildRandomModule } from './numpy/random-module.js';
import { ufuncs } from './numpy/ufuncs.js';

export { NDArray } from '../numpy/ndarray.js';
export type { DType } from '../numpy/dtype.js';
export { isNDArray, toNDArray } from './numpy/convert.js';
export { dtypeObject, dtypeType, parseDTypeArg } from './numpy/dtype-type.js';
export { axisErrorType, ufuncTypeErrorType } from './numpy/errors.js';
export {
  float32ScalarType,
  float64Scalar,
  ndarrayType,
  toPython,
  wrapNDArray,
} from './numpy/ndarray-type.js';
export { generatorType, randomStateType } from './numpy/random-module.js';

function buildNumpy(): PyModule {
  const random = buildRandomModule();
  const attrs: Record<string, PyValue> = {
    __version__: '1.24.4',
    ndarray: ndarrayType,
    dtype: dtypeType,
    ...scalarClasses,
    double: float64Class,
    single: float32Class,
    float_: float64Class,
    int_: scalarClasses.int64,
    pi: pyFloat(Math.PI),
    e: pyFloat(Math.E),
    inf: pyFloat(Infinity),
    nan: pyFloat(NaN),
    newaxis: None,
    AxisError: axisErrorType,
    random,
    ...numpyFunctions(),
    ...ufuncs(),
  };
  for (const [name, doc] of Object.entries(FUNCTION_DOCS)) {
    const f = attrs[name];
    if (f instanceof NativeFunction) f.doc = doc;
  }
  return newModule(
    'numpy',
    attrs,
    'NumPy in torchlet: float64/int64/bool arrays that compute and print as numpy 1.24 does.',
  );
}

/** `import numpy`. */
export const numpyModule: ModuleFactory = () => buildNumpy();

export type { Kwargs };
