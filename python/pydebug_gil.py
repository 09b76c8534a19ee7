"""pydebug_gil: does importing a test file (and so the extension) bring the GIL back?

    python pydebug_gil.py --testdir TESTS test_x

On a free-threaded build (3.13t), importing an extension module that does not declare
``Py_mod_gil`` re-enables the GIL for the whole process and warns once (Python/import.c)::

    <frozen importlib._bootstrap>:488: RuntimeWarning: The global interpreter lock (GIL) has been enabled to load module 'defects', which has not declared that it can run safely without the GIL. To override this behavior and keep the GIL disabled (at your own risk), run with PYTHON_GIL=0 or -Xgil=0.

This imports ``test_x`` in a fresh interpreter with that warning shown as Python prints it (to
stderr), then prints one line with whether the GIL is on afterwards (``sys._is_gil_enabled()``,
3.13+), which src/parse/gil.ts reads::

    pydebug-gil: {"test": "test_x", "gilEnabled": true}
"""
import argparse
import importlib
import json
import sys
import warnings


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--testdir", required=True)
    parser.add_argument("test")
    options = parser.parse_args(argv)
    sys.path.insert(0, options.testdir)
    # Shown every time, whatever filters the environment set: this warning is the point.
    warnings.simplefilter("always", RuntimeWarning)
    importlib.import_module(options.test)
    sys.stderr.flush()
    is_enabled = getattr(sys, "_is_gil_enabled", None)
    record = {"test": options.test, "gilEnabled": bool(is_enabled()) if is_enabled is not None else True}
    sys.stdout.write("pydebug-gil: " + json.dumps(record) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
