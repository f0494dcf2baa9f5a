"""Records conformance cells from real PyTorch (run with Debian's python3 + torch 1.13).

    /usr/bin/python3 test/conformance/record.py test/conformance/autograd_cells.py > test/conformance/autograd_cases.jsonl

The cells file defines CELLS, a list of (id, code). Each cell runs in a fresh namespace, as a
notebook cell would: its last line, when an expression, is echoed with repr() (unless None).
stdout is what the cell printed; an uncaught error is recorded as {type, message}.
"""
import ast
import contextlib
import io
import json
import runpy
import sys
import warnings

import torch


def run_cell(code):
    out = io.StringIO()
    echo = None
    error = None
    namespace = {}
    tree = ast.parse(code)
    last = tree.body[-1] if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    body = ast.Module(body=tree.body[:-1] if last else tree.body, type_ignores=[])
    with contextlib.redirect_stdout(out), warnings.catch_warnings():
        warnings.simplefilter('ignore')  # warnings go to stderr, which cells do not record
        try:
            exec(compile(body, '<cell>', 'exec'), namespace)
            if last:
                value = eval(compile(ast.Expression(last.value), '<cell>', 'eval'), namespace)
                if value is not None:
                    echo = repr(value)
        except Exception as e:  # noqa: BLE001 - every error is the cell's outcome
            error = {'type': type(e).__name__, 'message': str(e)}
    return {'stdout': out.getvalue(), 'echo': echo, 'error': error}


def main():
    cells = runpy.run_path(sys.argv[1])['CELLS']
    assert torch.__version__.startswith('1.13'), torch.__version__
    for cell_id, code in cells:
        line = {'id': cell_id, 'code': code, **run_cell(code)}
        sys.stdout.write(json.dumps(line) + '\n')


if __name__ == '__main__':
    main()
