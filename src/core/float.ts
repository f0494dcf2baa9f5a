// A Python float as a value of its own. A bare JS number is a Python int and a boolean a bool, so
// 1 and 1.0 stay apart: they promote differently in tensor maths and print differently. The
// interpreter's floats are these same objects, so they pass to tensor ops as they are.

/** A Python float; `v` is the number. */
export class PyFloat {
  constructor(readonly v: number) {}
}

export const pyFloat = (v: number): PyFloat => new PyFloat(v);
