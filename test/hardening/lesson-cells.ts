// The lesson's 22 cells with PyTorch's outputs, copied by a script from
// test/conformance/seed_lab.jsonl (PyTorch 1.13's recorded outputs; JSONL files are not imported by the browser tests).
export interface LessonCell {
  id: string;
  code: string;
  stdout: string;
  echo: string | null;
}

export const LESSON_CELLS: LessonCell[] = [
  {
    id: 'lab_00_setup_imports',
    code: 'import torch\nimport numpy as np\nimport matplotlib.pyplot as plt',
    stdout: '',
    echo: null,
  },
  { id: 'lab_01_a_sum', code: 'a = torch.tensor([1,2,3])\na.sum()', stdout: '', echo: 'tensor(6)' },
  { id: 'lab_02_a_sum_item', code: 'a.sum().item()', stdout: '', echo: '6' },
  {
    id: 'lab_03_a_reshape',
    code: 'a.reshape(-1,1)',
    stdout: '',
    echo: 'tensor([[1],\n        [2],\n        [3]])',
  },
  {
    id: 'lab_04_a_times_b',
    code: 'b = torch.tensor([-1, 0.5, 4])\na * b',
    stdout: '',
    echo: 'tensor([-1.,  1., 12.])',
  },
  {
    id: 'lab_05_define_f1_f2',
    code: 'def f1(x):\n    return 3 - x + (x/2)**2\n\ndef f2(x):\n    return 3 - (x/2) ** 2',
    stdout: '',
    echo: null,
  },
  {
    id: 'lab_06_curves_numpy',
    code: 'xs = np.arange(-3, 3, 0.1)\nys1 = f1(xs)\nys2 = f2(xs)\nprint(xs.shape, xs.dtype, ys1.dtype, ys2.dtype)\nprint(xs[:3], xs[-3:])\nprint(ys1[:3], ys1[-3:])\nprint(ys2[:3], ys2[-3:])',
    stdout:
      '(60,) float64 float64 float64\n[-3.  -2.9 -2.8] [2.7 2.8 2.9]\n[8.25   8.0025 7.76  ] [2.1225 2.16   2.2025]\n[0.75   0.8975 1.04  ] [1.1775 1.04   0.8975]\n',
    echo: null,
  },
  {
    id: 'lab_07_curve_extrema',
    code: 'ys1.min(), ys1.max(), ys2.min(), ys2.max()',
    stdout: '',
    echo: '(2.0, 8.25, 0.75, 3.0)',
  },
  {
    id: 'lab_08_grad_f1',
    code: 'x = torch.tensor(-1.0).requires_grad_()\ny1 = f1(x)\ny1.backward()\nf1_grad = x.grad\nf1_grad',
    stdout: '',
    echo: 'tensor(-1.5000)',
  },
  { id: 'lab_09_y1_repr', code: 'y1', stdout: '', echo: 'tensor(4.2500, grad_fn=<AddBackward0>)' },
  {
    id: 'lab_10_tangent_numbers_f1',
    code: 'def tangent(x, y, slope):\n    x, y, slope = map(float, (x, y, slope))\n    return x, y, slope, y - slope * x   # point, slope, intercept\ntangent(x, y1, f1_grad)',
    stdout: '',
    echo: '(-1.0, 4.25, -1.5, 2.75)',
  },
  {
    id: 'lab_11_grad_f2_after_zero',
    code: 'x.grad.zero_()\ny2 = f2(x)\ny2.backward()\nf2_grad = x.grad\nf2_grad',
    stdout: '',
    echo: 'tensor(0.5000)',
  },
  { id: 'lab_12_y2_repr', code: 'y2', stdout: '', echo: 'tensor(2.7500, grad_fn=<RsubBackward1>)' },
  {
    id: 'lab_13_tangent_numbers_f2',
    code: 'tangent(x, y2, f2_grad)',
    stdout: '',
    echo: '(-1.0, 2.75, 0.5, 3.25)',
  },
  {
    id: 'lab_14_aliasing_after_both',
    code: 'f1_grad, f2_grad, f1_grad is f2_grad, f1_grad is x.grad',
    stdout: '',
    echo: '(tensor(0.5000), tensor(0.5000), True, True)',
  },
  {
    id: 'lab_15_tangent_f1_if_plotted_late',
    code: 'tangent(x, y1, f1_grad)',
    stdout: '',
    echo: '(-1.0, 4.25, 0.5, 4.75)',
  },
  {
    id: 'lab_16_nozero_grad_f1',
    code: 'x = torch.tensor(-1.0).requires_grad_()\ny1 = f1(x)\ny1.backward()\nf1_grad = x.grad\nprint(float(f1_grad))\nf1_grad',
    stdout: '-1.5\n',
    echo: 'tensor(-1.5000)',
  },
  {
    id: 'lab_17_nozero_grad_f2',
    code: '# x.grad.zero_()\ny2 = f2(x)\ny2.backward()\nf2_grad = x.grad\nf2_grad',
    stdout: '',
    echo: 'tensor(-1.)',
  },
  {
    id: 'lab_18_nozero_values',
    code: 'f1_grad, f2_grad, f1_grad is f2_grad',
    stdout: '',
    echo: '(tensor(-1.), tensor(-1.), True)',
  },
  {
    id: 'lab_19_nozero_tangents',
    code: 'tangent(x, y1, f1_grad), tangent(x, y2, f2_grad)',
    stdout: '',
    echo: '((-1.0, 4.25, -1.0, 3.25), (-1.0, 2.75, -1.0, 1.75))',
  },
  {
    id: 'lab_20_one_cell_with_zero',
    code: "x = torch.tensor(-1.0).requires_grad_()\ny1 = f1(x)\ny1.backward()\nf1_grad = x.grad\nprint('f1 slope:', float(f1_grad))\nx.grad.zero_()\ny2 = f2(x)\ny2.backward()\nf2_grad = x.grad\nprint('f2 slope:', float(f2_grad))\nf1_grad, f2_grad",
    stdout: 'f1 slope: -1.5\nf2 slope: 0.5\n',
    echo: '(tensor(0.5000), tensor(0.5000))',
  },
  {
    id: 'lab_21_one_cell_without_zero',
    code: "x = torch.tensor(-1.0).requires_grad_()\ny1 = f1(x)\ny1.backward()\nf1_grad = x.grad\nprint('f1 slope:', float(f1_grad))\n# x.grad.zero_()\ny2 = f2(x)\ny2.backward()\nf2_grad = x.grad\nprint('f2 slope:', float(f2_grad))\nf1_grad, f2_grad",
    stdout: 'f1 slope: -1.5\nf2 slope: -1.0\n',
    echo: '(tensor(-1.), tensor(-1.))',
  },
];
