"""What pydebug's per-test-file helpers share: their command line, the import of the test file, and
running its cases again and again with a measurement between runs.

Each helper (pydebug_allocstats, pydebug_census, pydebug_counts, pydebug_gil) runs one test file:

- of a regrtest ``--testdir`` folder (``--testdir TESTS test_x``), as regrtest would import it (the
  folder first on ``sys.path``) and run it (its unittest cases);
- or of a pytest suite (``--pytest --rootdir PROJECT tests/test_x.py``), as pytest collects it (its
  conftest.py files, fixtures and parametrisation), in this process through ``pytest.main``.
"""

import argparse
import importlib
import sys
import unittest


def arguments(doc, argv, repetitions):
    """``--testdir DIR [--warmups N --runs N] TEST`` or ``--pytest --rootdir DIR [...] FILE``, described by the first paragraph of ``doc``."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--testdir", help="a regrtest --testdir folder; TEST is a module name in it")
    parser.add_argument("--pytest", action="store_true", help="TEST is a pytest file (relative to --rootdir), run by pytest")
    parser.add_argument("--rootdir", help="pytest's rootdir: the project the node ids are relative to")
    if repetitions:
        parser.add_argument("--warmups", type=int, default=3)
        parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("test")
    options = parser.parse_args(argv)
    if not options.pytest and not options.testdir:
        parser.error("--testdir is required unless --pytest is given")
    return options


def import_test_module(options):
    sys.path.insert(0, options.testdir)
    return importlib.import_module(options.test)


def import_test_file(options):
    """Imports the test file as its runner would: regrtest's import, or pytest's collection (which imports conftest.py too)."""
    if not options.pytest:
        import_test_module(options)
        return 0
    import pytest

    # pytest's warnings plugin would catch what the import warns (the GIL coming back, say) and, with no terminal, show it nowhere.
    return int(pytest.main(_pytest_args(options, "--collect-only", "-p", "no:warnings")))


def _pytest_args(options, *extra):
    # Quiet (this helper prints its own lines; pytest's terminal still shows a file it could not collect), no .pytest_cache in
    # the user's project, C-level output straight to the log. (-p no:terminal would break pytest's own collection-error report.)
    return ["-q", "-p", "no:cacheprovider", "-s", "--rootdir", options.rootdir or ".", *extra, options.test]


class Totals:
    """What the runs did, over all of them; the first failing run's tracebacks are written to stderr (the next runs' would repeat them)."""

    def __init__(self):
        self.tests_run = 0
        self.failures = 0
        self.errors = 0
        self.skipped = 0
        self.reported = False

    def report(self, failures):
        """``failures``: (word, test id, text) of one run."""
        if failures and not self.reported:
            self.reported = True
            for word, test_id, text in failures:
                sys.stderr.write("%s: %s\n%s\n" % (word, test_id, text))
            sys.stderr.flush()

    def as_dict(self):
        return {"testsRun": self.tests_run, "failures": self.failures, "errors": self.errors, "skipped": self.skipped}


def repeat(options, repetitions, after_run):
    """Runs the test file's cases ``repetitions`` times, calling ``after_run(run)`` before the first run (run 0) and after each one; returns the Totals."""
    if options.pytest:
        return _repeat_pytest(options, repetitions, after_run)
    module = import_test_module(options)
    loader = unittest.TestLoader()
    totals = Totals()
    after_run(0)
    for run in range(1, repetitions + 1):
        # Loaded afresh for each run: a suite drops its cases as it runs them.
        result = unittest.TestResult()
        loader.loadTestsFromModule(module).run(result)
        totals.tests_run += result.testsRun
        totals.failures += len(result.failures)
        totals.errors += len(result.errors)
        totals.skipped += len(result.skipped)
        totals.report([("ERROR", test.id(), text) for test, text in result.errors] + [("FAIL", test.id(), text) for test, text in result.failures])
        del result
        after_run(run)
    return totals


def _repeat_pytest(options, repetitions, after_run):
    import pytest
    from _pytest.runner import runtestprotocol

    totals = Totals()

    class Repeat:
        """pytest's run loop, repeated: the items are collected once and each run is a whole pass over them, fixtures of every scope set up and torn down within it (as regrtest re-runs setUpModule on each repetition)."""

        def __init__(self):
            self.collection_errors = []

        def pytest_collectreport(self, report):
            if report.failed:
                self.collection_errors.append(report.nodeid or options.test)

        @pytest.hookimpl(tryfirst=True)
        def pytest_runtestloop(self, session):
            if self.collection_errors:
                # pytest's terminal has shown why.
                totals.errors += len(self.collection_errors)
                return True
            # Its closing line would say "no tests ran": the runs below do not report to it. This helper's own lines say what ran.
            terminal = session.config.pluginmanager.get_plugin("terminalreporter")
            if terminal is not None:
                session.config.pluginmanager.unregister(terminal)
            items = session.items
            after_run(0)
            for run in range(1, repetitions + 1):
                failures = []
                for index, item in enumerate(items):
                    nextitem = items[index + 1] if index + 1 < len(items) else None
                    reports = runtestprotocol(item, nextitem=nextitem, log=False)
                    totals.tests_run += 1
                    if any(report.skipped for report in reports) and not any(report.failed for report in reports):
                        totals.skipped += 1
                    for report in reports:
                        if report.failed:
                            # A failure outside the test's call (a fixture's setup or teardown) is an error, as unittest counts it.
                            word = "FAIL" if report.when == "call" else "ERROR"
                            if word == "FAIL":
                                totals.failures += 1
                            else:
                                totals.errors += 1
                            failures.append((word, item.nodeid, report.longreprtext))
                    del reports
                totals.report(failures)
                del failures
                after_run(run)
            return True

    pytest.main(_pytest_args(options), plugins=[Repeat()])
    return totals
