"""pydebug_allocstats: what a test file leaves allocated, in the allocator's own statistics.

    python pydebug_allocstats.py --testdir TESTS --warmups 3 --runs 3 test_x
    python pydebug_allocstats.py --pytest --rootdir PROJECT --warmups 3 --runs 3 tests/test_x.py

Imports ``test_x`` and runs its cases (unittest's, or pytest's) WARMUPS times (caches filled on first use, the
import's own allocations), then prints the allocator's statistics (``sys._debugmallocstats()``:
pymalloc's arenas, size classes and totals, or on free-threaded and mimalloc builds mimalloc's
block) to stderr, runs the cases RUNS times more, collects garbage and prints them again: what grew
between the two dumps is what RUNS runs of the file left behind. src/parse/mallocstats.ts reads the
dumps (the first is "before", the second "after").

Why warm-ups and several runs, as regrtest -R: measured on 3.11.2 with the debug hooks
(examples/defects, 4 tries each), a single run between two dumps showed one block more in the
192-byte class for every file, leaking or not (the first run's own state), and two runs of the
same clean file differed by a block or two either way (objects freed during the run); after 3
warm-ups and 3 runs, the 80-byte class (a list with the hooks' pad bytes) grew by 1 to 3 blocks for
test_object_leak in every try (one list per run, less what was freed), and no class grew for test_clean.

Exit status: 0 when the cases passed every time, 1 when one failed (its traceback on stderr).
"""
import gc
import sys

import pydebug_test_file


def dump():
    gc.collect()
    gc.collect()
    sys.stderr.flush()
    # Written by C code straight to the stderr file descriptor: flushed Python output comes first.
    sys._debugmallocstats()


def main(argv=None):
    options = pydebug_test_file.arguments(__doc__, argv, repetitions=True)

    def after_run(run):
        # Once the warm-ups are over (before any run when there are none), and after the last run.
        if run in (options.warmups, options.warmups + options.runs):
            dump()

    totals = pydebug_test_file.repeat(options, options.warmups + options.runs, after_run)
    return 1 if totals.failures or totals.errors else 0


if __name__ == "__main__":
    sys.exit(main())
