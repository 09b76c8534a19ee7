"""pydebug_refleak: regrtest's reference leak hunter (``python -m test -R``) for pytest.

Load it with ``-p pydebug_refleak`` (this file's folder on PYTHONPATH) and ``--pydebug-refleak
WARMUPS:RUNS`` on a debug build of CPython (``sys.gettotalrefcount`` exists). Each test runs
``WARMUPS + RUNS`` times; after every run the interpreter is cleaned up and measured exactly as
regrtest's ``-R`` does (Lib/test/libregrtest/refleak.py, 3.11 to 3.13), and a test whose counted
runs all leaked prints regrtest's own line::

    tests/test_x.py::test_y[3] leaked [3, 3, 3] references, sum=9

Why the whole pytest protocol (setup, call, teardown) is repeated, not only the call: regrtest
re-runs a unittest case's setUp and tearDown on every repetition, and a pytest function fixture is
what setUp is. Tearing the function fixtures down after each run releases what they made, so they
cannot read as leaks. Fixtures of wider scope (class, module, session) are set up once, in the first
warm-up, and kept until pytest's own teardown: what they allocate is never counted (regrtest, which
re-runs setUpClass and setUpModule on each repetition of a file, would count a leak in them).

A run that fails or errors stops the repetitions and is reported as the test's outcome, with no
leak verdict: regrtest does the same (support.run_unittest raises on the first failing run).

No dependency beyond pytest, and no import from CPython's ``test`` package (distributions often
leave it out): what regrtest's cleanup does is repeated here, for the parts that apply outside
CPython's own test suite.
"""
import collections.abc
import copyreg
import gc
import linecache
import os
import sys
import warnings
from inspect import isabstract

import pytest

try:
    from _abc import _get_dump
except ImportError:  # the pure-Python abc module (Lib/_py_abc.py), as regrtest handles it
    import weakref

    def _get_dump(cls):
        registry_weakrefs = set(weakref.ref(obj) for obj in cls._abc_registry)
        return (registry_weakrefs, cls._abc_cache, cls._abc_negative_cache, cls._abc_negative_cache_version)


OPTION = "--pydebug-refleak"
REFLOG_OPTION = "--pydebug-refleak-log"


def pytest_addoption(parser):
    group = parser.getgroup("pydebug-refleak", "reference leak hunting (regrtest -R for pytest)")
    group.addoption(OPTION, metavar="WARMUPS:RUNS", default=None, help="run each test WARMUPS+RUNS times and report what the last RUNS leaked, as regrtest -R does")
    group.addoption(REFLOG_OPTION, metavar="FILE", default=None, help="also append each leak line to FILE (regrtest's reflog.txt)")


def parse_runs(text):
    """'3:3' -> (3, 3). Raises pytest.UsageError naming the option and what is allowed."""
    parts = text.split(":")
    if len(parts) != 2 or not all(part.isdigit() for part in parts) or int(parts[1]) < 1:
        raise pytest.UsageError("%s %r: expected WARMUPS:RUNS as for regrtest -R, e.g. 3:3 (RUNS at least 1)" % (OPTION, text))
    return int(parts[0]), int(parts[1])


def pytest_configure(config):
    config.pluginmanager.register(StartLines(config), "pydebug-start-lines")
    text = config.getoption(OPTION)
    if text is None:
        return
    if not hasattr(sys, "gettotalrefcount"):
        raise pytest.UsageError("%s needs a debug build of CPython (sys.gettotalrefcount); %s is not one" % (OPTION, sys.executable))
    warmups, runs = parse_runs(text)
    config.pluginmanager.register(RefleakHunter(config, warmups, runs, config.getoption(REFLOG_OPTION)), "pydebug-refleak-hunter")


class StartLines:
    """Each test's start (``-v`` writes its node id) ends its line: what the test prints, or a crash's dump (``Fatal Python
    error``, a sanitizer's report), starts a line of its own, and a test that started and never got its result word is the
    one the process ended in. Loaded whenever the plugin is, hunting or not (pydebug's memcheck and sanitizer runs)."""

    def __init__(self, config):
        self.config = config

    @pytest.hookimpl(trylast=True)
    def pytest_runtest_logstart(self, nodeid, location):
        reporter = self.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None and reporter.verbosity > 0:
            reporter.ensure_newline()


# -- What regrtest measures and how it cleans up between runs (Lib/test/libregrtest/refleak.py) --


def fd_count():
    """test.support.os_helper.fd_count: open file descriptors."""
    if sys.platform.startswith(("linux", "freebsd", "emscripten")):
        try:
            # listdir() itself opens one descriptor on /proc/self/fd.
            return len(os.listdir("/proc/self/fd")) - 1
        except FileNotFoundError:
            pass
    import errno

    max_fd = 256
    if hasattr(os, "sysconf"):
        try:
            max_fd = os.sysconf("SC_OPEN_MAX")
        except OSError:
            pass
    count = 0
    for fd in range(max_fd):
        try:
            fd2 = os.dup(fd)
        except OSError as error:
            if error.errno != errno.EBADF:
                raise
        else:
            os.close(fd2)
            count += 1
    return count


def gc_collect():
    """test.support.gc_collect on CPython."""
    gc.collect()
    gc.collect()
    gc.collect()


def warm_caches():
    # char cache
    s = bytes(range(256))
    for i in range(256):
        s[i : i + 1]
    # unicode cache
    [chr(i) for i in range(256)]
    # int cache
    list(range(-5, 257))


def interned_immortal_size():
    """3.13: strings interned during a run live until shutdown; regrtest leaves them out of the block count."""
    try:
        return sys.getunicodeinternedsize(_only_immortal=True)
    except (AttributeError, TypeError):
        return 0


def allocated_blocks():
    """The block count regrtest compares: 3.11 leaves out specialised code (sys._getquickenedcount), 3.13 immortal interned strings."""
    quickened = getattr(sys, "_getquickenedcount", None)
    return sys.getallocatedblocks() - (quickened() if quickened is not None else 0) - interned_immortal_size()


class SavedState:
    """What dash_R saves before the first run and dash_R_cleanup restores after each one."""

    def __init__(self):
        self.filters = warnings.filters[:]
        self.dispatch_table = copyreg.dispatch_table.copy()
        self.path_importer_cache = sys.path_importer_cache.copy()
        # 3.13 keeps the source of interactive snippets, which linecache.clearcache() does not clear.
        self.linecache = (linecache.cache.copy(), linecache._interactive_cache.copy()) if hasattr(linecache, "_interactive_cache") else None
        try:
            import zipimport
        except ImportError:
            self.zip_directory_cache = None
        else:
            self.zip_directory_cache = zipimport._zip_directory_cache.copy()
        self.abcs = {}
        for abc in [getattr(collections.abc, name) for name in collections.abc.__all__]:
            if not isabstract(abc):
                continue
            for obj in abc.__subclasses__() + [abc]:
                self.abcs[obj] = _get_dump(obj)[0]

    def restore(self):
        """dash_R_cleanup."""
        warnings.filters[:] = self.filters
        copyreg.dispatch_table.clear()
        copyreg.dispatch_table.update(self.dispatch_table)
        sys.path_importer_cache.clear()
        sys.path_importer_cache.update(self.path_importer_cache)
        if self.linecache is not None:
            cache, interactive = self.linecache
            linecache._interactive_cache.clear()
            linecache._interactive_cache.update(interactive)
            linecache.cache.clear()
            linecache.cache.update(cache)
        if self.zip_directory_cache is not None:
            import zipimport

            zipimport._zip_directory_cache.clear()
            zipimport._zip_directory_cache.update(self.zip_directory_cache)
        # ABC registries: back to what they held before the first run (3.13 also drops what a run registered).
        for abc in filter(isabstract, [getattr(collections.abc, name) for name in collections.abc.__all__]):
            for obj in abc.__subclasses__() + [abc]:
                refs = self.abcs.get(obj)
                if sys.version_info >= (3, 13):
                    if refs is not None:
                        obj._abc_registry_clear()
                        for ref in refs:
                            subclass = ref()
                            if subclass is not None:
                                obj.register(subclass)
                else:
                    for ref in refs or set():
                        if ref() is not None:
                            obj.register(ref())
                obj._abc_caches_clear()
        clear_caches()
        # Last: the calls above can fill these caches again.
        if hasattr(sys, "_clear_internal_caches"):
            sys._clear_internal_caches()
        else:
            sys._clear_type_cache()


def clear_caches():
    """libregrtest.utils.clear_caches, for the standard library caches any test can fill (3.11 to 3.13)."""
    for module in list(sys.modules.values()):
        if hasattr(module, "__warningregistry__"):
            del module.__warningregistry__
    # Buffered output holds objects until it is flushed.
    for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
        if stream is not None:
            stream.flush()
    modules = sys.modules
    if "distutils.dir_util" in modules:
        modules["distutils.dir_util"]._path_created.clear()
    if "re" in modules:
        modules["re"].purge()
    if "_strptime" in modules:
        modules["_strptime"]._regex_cache.clear()
    if "urllib.parse" in modules:
        modules["urllib.parse"].clear_cache()
    if "urllib.request" in modules:
        modules["urllib.request"].urlcleanup()
    if "linecache" in modules:
        modules["linecache"].clearcache()
    if "mimetypes" in modules:
        modules["mimetypes"]._default_mime_types()
    if "filecmp" in modules:
        modules["filecmp"]._cache.clear()
    if "struct" in modules:
        modules["struct"]._clearcache()
    if "doctest" in modules:
        modules["doctest"].master = None
    if "ctypes" in modules:
        modules["ctypes"]._reset_cache()
    if "typing" in modules:
        typing = modules["typing"]
        for cleanup in typing._cleanups:
            cleanup()
        if sys.version_info >= (3, 13):
            for abc in filter(isabstract, typing.__dict__.values()):
                for obj in abc.__subclasses__() + [abc]:
                    obj._abc_caches_clear()
    if sys.version_info >= (3, 13):
        if "fractions" in modules:
            modules["fractions"]._hash_algorithm.cache_clear()
        if "inspect" in modules:
            inspect = modules["inspect"]
            inspect._shadowed_dict_from_weakref_mro_tuple.cache_clear()
            inspect._filesbymodname.clear()
            inspect.modulesbyfile.clear()
        if "importlib.metadata" in modules:
            modules["importlib.metadata"].FastPath.__new__.cache_clear()


def leak_verdicts(test_id, warmups, rc_deltas, alloc_deltas, fd_deltas):
    """regrtest's verdict lines for one test: (line, failing). 3.12+ also prints non-failing deltas, marked '(this is fine)'."""
    lines = []
    for deltas, kind, failing_check in (
        (rc_deltas, "references", check_rc_deltas),
        (alloc_deltas, "memory blocks", check_rc_deltas),
        (fd_deltas, "file descriptors", check_fd_deltas),
    ):
        deltas = deltas[warmups:]
        failing = failing_check(deltas)
        suspicious = sys.version_info >= (3, 12) and any(deltas)
        if failing or suspicious:
            message = "%s leaked %s %s, sum=%s" % (test_id, deltas, kind, sum(deltas))
            lines.append((message if failing else message + " (this is fine)", failing))
    return lines


def check_rc_deltas(deltas):
    # bpo-30776: [3, 0, 0], [0, 1, 0] and [8, -8, 1] are noise; [5, 5, 6] and [10, 1, 1] are leaks.
    return all(delta >= 1 for delta in deltas)


def check_fd_deltas(deltas):
    return any(deltas)


# -- pytest's side: run one item's protocol many times --


class _TeardownFunctionScope:
    """A `nextitem` for pytest's SetupState.teardown_exact: keeps every collector of the item (module, class, session fixtures) and tears down the item itself (its function fixtures)."""

    def __init__(self, item):
        self._chain = item.listchain()[:-1]

    def listchain(self):
        return self._chain


class RefleakHunter:
    def __init__(self, config, warmups, runs, reflog):
        self.config = config
        self.warmups = warmups
        self.runs = runs
        self.reflog = reflog

    def write_line(self, text):
        """A line of our own in the log, never inside pytest's output (a crash dump must start a line too)."""
        reporter = self.config.pluginmanager.get_plugin("terminalreporter")
        capture = self.config.pluginmanager.get_plugin("capturemanager")
        if reporter is not None:
            reporter.ensure_newline()
        if capture is not None:
            with capture.global_and_fixture_disabled():
                sys.stderr.write(text + "\n")
                sys.stderr.flush()
        else:
            sys.stderr.write(text + "\n")
            sys.stderr.flush()

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_protocol(self, item, nextitem):
        from _pytest.runner import runtestprotocol

        hook = item.ihook
        hook.pytest_runtest_logstart(nodeid=item.nodeid, location=item.location)
        reporter = self.config.pluginmanager.get_plugin("terminalreporter")
        # Whatever the test prints, or a crash dump, starts on a line of its own.
        if reporter is not None:
            reporter.ensure_newline()
        repcount = self.warmups + self.runs
        rep_range = list(range(repcount))
        rc_deltas = [0] * repcount
        alloc_deltas = [0] * repcount
        fd_deltas = [0] * repcount
        # bpo-31217: one int object per delta value, so the deltas themselves allocate no block.
        int_pool = {value: value for value in range(-1000, 1000)}
        rc_before = alloc_before = fd_before = 0
        reports = []
        completed = True
        # As dash_R: warm the caches, save what the cleanup restores, clean up once, then run.
        warm_caches()
        saved = SavedState()
        saved.restore()
        gc_collect()
        function_scope = _TeardownFunctionScope(item)
        for i in rep_range:
            last = i == repcount - 1
            warnings_before = self._warnings_recorded(reporter)
            # Every run tears down only the function fixtures, the last one too: the wider fixtures
            # are torn down after the last measurement, which would otherwise count their release.
            reports = runtestprotocol(item, nextitem=function_scope, log=False)
            failed = any(report.failed for report in reports)
            if not last:
                # pytest keeps what each run printed and warned on the item and the terminal reporter: only the last run's is shown.
                item._report_sections[:] = []
                self._forget_warnings(reporter, warnings_before)
            saved.restore()
            gc_collect()
            alloc_after = allocated_blocks()
            rc_after = sys.gettotalrefcount()
            fd_after = fd_count()
            rc_deltas[i] = int_pool.setdefault(rc_after - rc_before, rc_after - rc_before)
            alloc_deltas[i] = int_pool.setdefault(alloc_after - alloc_before, alloc_after - alloc_before)
            fd_deltas[i] = int_pool.setdefault(fd_after - fd_before, fd_after - fd_before)
            rc_before, alloc_before, fd_before = rc_after, alloc_after, fd_after
            if failed:
                # As regrtest: a failing run ends the hunt for this test, with no verdict.
                completed = False
                break
        reports = self._teardown_wider_fixtures(item, nextitem, reports)
        if completed:
            for line, failing in leak_verdicts(item.nodeid, self.warmups, rc_deltas, alloc_deltas, fd_deltas):
                self.write_line(line)
                if failing and self.reflog:
                    with open(self.reflog, "a", encoding="utf-8") as reflog:
                        reflog.write(line + "\n")
        for report in reports:
            hook.pytest_runtest_logreport(report=report)
        hook.pytest_runtest_logfinish(nodeid=item.nodeid, location=item.location)
        return True

    @staticmethod
    def _teardown_wider_fixtures(item, nextitem, reports):
        """What pytest's own teardown phase would do for `nextitem` beyond the function fixtures; a failure there is the teardown's report."""
        from _pytest.runner import CallInfo

        call = CallInfo.from_call(lambda: item.session._setupstate.teardown_exact(nextitem), when="teardown")
        if call.excinfo is None:
            return reports
        report = item.ihook.pytest_runtest_makereport(item=item, call=call)
        return [existing for existing in reports if existing.when != "teardown"] + [report]

    @staticmethod
    def _warnings_recorded(reporter):
        return len(reporter.stats.get("warnings", [])) if reporter is not None else 0

    @staticmethod
    def _forget_warnings(reporter, count):
        if reporter is not None and "warnings" in reporter.stats:
            del reporter.stats["warnings"][count:]
