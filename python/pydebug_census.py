"""pydebug_census: which types of object a test file leaks, on a Py_TRACE_REFS build.

    python pydebug_census.py --testdir TESTS --warmups 3 --runs 3 test_x
    python pydebug_census.py --pytest --rootdir PROJECT --warmups 3 --runs 3 tests/test_x.py

Runs the cases of ``test_x`` (unittest's, or pytest's) WARMUPS + RUNS times in this process, as regrtest ``-R``
repeats a test file (the cases are loaded afresh for each run, since a suite drops its cases as it
runs them). After every run it counts the live objects by type (``sys.getobjects(0)``: every object
the interpreter tracks, which only Py_TRACE_REFS builds can list) and prints what changed since the
previous run, one line per run::

    pydebug-census: {"test": "test_x", "run": 4, "warmup": false, "objects": 51234, "delta": {"list": 1}, "moreTypes": 0}

then, when every run is over, one closing line (none when the process died in a run)::

    pydebug-census-end: {"test": "test_x", "runs": 6, "testsRun": 6, "failures": 0, "errors": 0, "skipped": 0}

``delta`` holds the types whose count changed, largest change first, at most MAX_TYPES of them
(``moreTypes`` counts the others). A type is named as its ``__qualname__``, prefixed with its module
unless that is ``builtins``: ``list``, ``defects.Widget``. What the count itself allocates (the list
``getobjects`` returns, the counting dict) is the same in every census, so it cancels out; the
warm-ups absorb caches filled on first use. src/parse/census.ts reads these lines.

No dependency beyond the standard library, and no import from CPython's ``test`` package.
"""
import gc
import json
import sys
import traceback

import pydebug_test_file

MAX_TYPES = 50
PREFIX = "pydebug-census: "
END_PREFIX = "pydebug-census-end: "


def type_name(cls):
    module = getattr(cls, "__module__", None)
    name = getattr(cls, "__qualname__", None) or cls.__name__
    return name if module in (None, "builtins") or not isinstance(module, str) else "%s.%s" % (module, name)


def clean_up():
    """What regrtest does between runs that applies outside CPython's own tests (Lib/test/libregrtest/utils.py clear_caches)."""
    sys._clear_type_cache()
    gc.collect()
    gc.collect()
    gc.collect()


def census():
    """Live objects by type: {type: count}."""
    counts = {}
    objects = sys.getobjects(0)
    get = counts.get
    for obj in objects:
        cls = type(obj)
        counts[cls] = get(cls, 0) + 1
    total = len(objects)
    del objects, obj
    return counts, total


def by_name(counts):
    named = {}
    for cls, count in counts.items():
        name = type_name(cls)
        named[name] = named.get(name, 0) + count
    return named


def emit(prefix, record):
    sys.stdout.write(prefix + json.dumps(record, sort_keys=False) + "\n")
    sys.stdout.flush()


def main(argv=None):
    options = pydebug_test_file.arguments(__doc__, argv, repetitions=True)
    if not hasattr(sys, "getobjects"):
        sys.stderr.write("pydebug_census needs a Py_TRACE_REFS build of CPython (sys.getobjects); %s is not one\n" % sys.executable)
        return 2
    state = {}

    def after_run(run):
        clean_up()
        counts, total = census()
        after = by_name(counts)
        del counts
        if run:
            before = state["before"]
            changed = {name: after.get(name, 0) - before.get(name, 0) for name in set(after) | set(before)}
            changed = sorted(((name, delta) for name, delta in changed.items() if delta), key=lambda item: (-abs(item[1]), item[0]))
            emit(PREFIX, {"test": options.test, "run": run, "warmup": run <= options.warmups, "objects": total, "delta": dict(changed[:MAX_TYPES]), "moreTypes": max(0, len(changed) - MAX_TYPES)})
            del changed, before
        state["before"] = after
        del after

    repetitions = options.warmups + options.runs
    totals = pydebug_test_file.repeat(options, repetitions, after_run)
    emit(END_PREFIX, dict({"test": options.test, "runs": repetitions}, **totals.as_dict()))
    return 1 if totals.failures or totals.errors else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except SystemExit:
        raise
    except BaseException:
        traceback.print_exc()
        sys.exit(2)
