"""pydebug_counts: per-type allocation counts around one test file, on a COUNT_ALLOCS build (3.6-3.8).

    python pydebug_counts.py --testdir TESTS test_x
    python pydebug_counts.py --pytest --rootdir PROJECT tests/test_x.py

Imports ``test_x`` (collects it, under pytest), prints ``sys.getcounts()`` (a list of
``(tp_name, allocations, frees, max in use)`` tuples, one line as ``repr`` writes it), runs the cases
once, collects garbage and prints it again. src/parse/count-allocs.ts reads both lines (the first is
"before", the second "after"); src/report/variant-checks.ts ranks the types by net growth.
"""
import gc
import sys

import pydebug_test_file


def counts():
    gc.collect()
    sys.stdout.write(repr(sys.getcounts()) + "\n")
    sys.stdout.flush()


def main(argv=None):
    options = pydebug_test_file.arguments(__doc__, argv, repetitions=False)
    if not hasattr(sys, "getcounts"):
        sys.stderr.write("pydebug_counts needs a COUNT_ALLOCS build of CPython (sys.getcounts); %s is not one\n" % sys.executable)
        return 2
    totals = pydebug_test_file.repeat(options, 1, lambda run: counts())
    return 1 if totals.failures or totals.errors else 0


if __name__ == "__main__":
    sys.exit(main())
