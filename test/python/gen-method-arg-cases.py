# Regenerates method-arg-cases.json with CPython 3.11: for every public method of the builtin types,
# the TypeError CPython raises when the method is called with one argument too few, one too many,
# an unknown keyword, or its first positional-only parameter by name.
#   python3 test/python/gen-method-arg-cases.py
import inspect, json, os, re, sys

# A receiver of each type, as Python source.
RECEIVERS = {'str': '"ab"', 'list': '[1, 2]', 'dict': '{1: 2}', 'set': '{1}', 'frozenset': 'frozenset({1})',
             'tuple': '(1,)', 'int': '(5)', 'float': '(1.5)', 'bool': 'True', 'range': 'range(3)'}
# Messages about the number or the names of arguments, whatever the C declaration words them as.
ARGUMENT_ERROR = re.compile(
    r'expected (at most |at least )?\d+ arguments?, got \d+'
    r'|takes (no|exactly one|(at most|at least|exactly) \d+) (positional |keyword )?arguments?'
    r'|positional arguments? but \d+ (was|were) given|missing \d+ required|missing required argument'
    r'|keyword argument|given by name')
MOST = 6  # a method still taking this many positional arguments takes any number (*args)


def error(code):
    try:
        eval(code)
    except Exception as e:  # noqa: BLE001 — every failure is recorded as CPython shows it
        return e
    return None


def argument_error(code):
    e = error(code)
    return e if isinstance(e, TypeError) and ARGUMENT_ERROR.search(str(e)) else None


def first_positional_only(fn):
    """The name of the method's first positional-only parameter after self, from its signature or docstring."""
    try:
        params = [p for p in inspect.signature(fn).parameters.values() if p.name != 'self']
        return params[0].name if params and params[0].kind == inspect.Parameter.POSITIONAL_ONLY else None
    except (TypeError, ValueError):
        m = re.match(r'\w\.\w+\((\w+)', (fn.__doc__ or '').strip())  # "S.find(sub[, start[, end]]) -> int"
        return m.group(1) if m else None


cases = []
for type_name, receiver in RECEIVERS.items():
    T = eval(type_name)
    for name in sorted(vars(T)):
        if name.startswith('_') or not callable(getattr(T, name)):
            continue
        call = lambda args: f'{receiver}.{name}({args})'  # noqa: E731
        positional = lambda k: ', '.join(str(i + 1) for i in range(k))  # noqa: E731
        counts = [k for k in range(MOST + 1) if argument_error(call(positional(k))) is None]
        codes = []
        if counts:
            least, most = counts[0], counts[-1]
            if least > 0:
                codes.append(call(positional(least - 1)))
            if most < MOST:
                codes.append(call(positional(most + 1)))
        codes.append(call('bogus=1'))
        param = first_positional_only(getattr(T, name))
        if param:
            codes.append(call(f'{param}=1'))
        for code in codes:
            e = argument_error(code)
            if e is None:
                print('no argument error, left out:', code, file=sys.stderr)
                continue
            cases.append({'type': type_name, 'method': name, 'code': code,
                          'expected': f'{type(e).__name__}: {e}'})

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, 'method-arg-cases.json'), 'w') as f:
    json.dump({'python': sys.version.split()[0], 'cases': cases}, f, indent=1)
    f.write('\n')
print(len(cases), 'cases')
