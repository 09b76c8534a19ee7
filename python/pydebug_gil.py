"""pydebug_gil: does importing a test file (and so the extension) bring the GIL back?

    python pydebug_gil.py --testdir TESTS test_x
    python pydebug_gil.py --pytest --rootdir PROJECT tests/test_x.py

On a free-threaded build (3.13t), importing an extension module that does not declare
``Py_mod_gil`` re-enables the GIL for the whole process and warns once (Python/import.c)::

    <frozen importlib._bootstrap>:488: RuntimeWarning: The global interpreter lock (GIL) has been enabled to load module 'defects', which has not declared that it can run safely without the GIL. To override this behavior and keep the GIL disabled (at your own risk), run with PYTHON_GIL=0 or -Xgil=0.

This imports ``test_x`` (collects it, under pytest, which imports its conftest.py too) in a fresh interpreter with that warning shown as Python prints it (to
stderr), then prints one line with whether the GIL is on afterwards (``sys._is_gil_enabled()``,
3.13+), which src/parse/gil.ts reads::

    pydebug-gil: {"test": "test_x", "gilEnabled": true}
"""
import json
import sys
import warnings

import pydebug_test_file


def main(argv=None):
    options = pydebug_test_file.arguments(__doc__, argv, repetitions=False)
    # Shown every time, whatever filters the environment set: this warning is the point.
    warnings.simplefilter("always", RuntimeWarning)
    pydebug_test_file.import_test_file(options)
    sys.stderr.flush()
    is_enabled = getattr(sys, "_is_gil_enabled", None)
    record = {"test": options.test, "gilEnabled": bool(is_enabled()) if is_enabled is not None else True}
    sys.stdout.write("pydebug-gil: " + json.dumps(record) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
