"""What pydebug's per-test-file helpers share: their command line and the import of the test file.

Each helper (pydebug_allocstats, pydebug_census, pydebug_counts) runs one test file of a regrtest
``--testdir`` folder, as regrtest would import it: the folder first on ``sys.path``.
"""

import argparse
import importlib
import sys


def arguments(doc, argv, repetitions):
    """``--testdir DIR [--warmups N --runs N] TEST``, described by the first paragraph of ``doc``."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--testdir", required=True)
    if repetitions:
        parser.add_argument("--warmups", type=int, default=3)
        parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("test")
    return parser.parse_args(argv)


def import_test_module(options):
    sys.path.insert(0, options.testdir)
    return importlib.import_module(options.test)
