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
    r'|keyword argument|given by name|needs an argument')
MOST = 6  # a method still taking this many positional arguments takes any number (*args)
# Calls the sweep below does not make: arguments given twice, too many with keywords, a method
# called on its class without an object, keywords and positional arguments together.
EXTRA = [('str', 'split', '"ab".split(",", sep=",")'), ('str', 'split', '"ab".split(1, 2, sep=1)'),
         ('str', 'split', '"ab".split(1, 2, 3, sep=1)'), ('str', 'upper', 'str.upper()'),
         ('str', 'strip', 'str.strip()'), ('str', 'strip', '"ab".strip(1, 2, chars=3)'),
         ('str', 'find', '"ab".find("a", 1, 2, 3, sub="a")'), ('list', 'sort', '[2, 1].sort(1, key=None)'),
         ('list', 'sort', '[2, 1].sort(1, 2, 3, key=None)'), ('list', 'append', 'list.append([])'),
         ('list', 'append', 'list.append()'), ('dict', 'get', 'dict.get()'),
         ('dict', 'pop', '{1: 2}.pop(1, default=2)'), ('dict', 'update', '{1: 2}.update({}, {})'),
         ('dict', 'fromkeys', 'dict.fromkeys()'), ('set', 'union', '{1}.union({2}, other={3})')]


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

for type_name, name, code in EXTRA:
    e = argument_error(code)
    assert e is not None, code
    cases.append({'type': type_name, 'method': name, 'code': code, 'expected': f'{type(e).__name__}: {e}'})

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, 'method-arg-cases.json'), 'w') as f:
    json.dump({'python': sys.version.split()[0], 'cases': cases}, f, indent=1)
    f.write('\n')
print(len(cases), 'cases')
