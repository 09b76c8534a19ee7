/**
 * A whole pydebug run (runCell, every step real) on the fake CPython build of
 * test/helpers/fake-cpython.ts, for the fault tests to inject into: a tiny real C extension, built
 * by setuptools with this machine's python3, whose unittest tests run through test-command.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { createStreamLogger } from '../../src/adapters/logger.js'
import type { RemoteCache } from '../../src/adapters/remote-cache.js'
import { parseRunConfig } from '../../src/cli/run-options.js'
import type { RunConfig } from '../../src/config/run-config.js'
import { createStepContext } from '../../src/steps/context.js'
import { runCell, type CellOutcome } from '../../src/steps/run-cell.js'
import { captureIo } from '../helpers/cli-io.js'
import { RELEASE_VARIANT, systemPython } from '../helpers/fake-cpython.js'

const canBuild = systemPython
  ? spawnSync(systemPython, ['-c', 'import os, setuptools, sysconfig; assert os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h"))'])
  : undefined
/** Whether this machine's python3 can build a C extension (setuptools and its headers): the fake cell's interpreter is that python3. */
export const canBuildExtensions = canBuild?.status === 0

const PROBE_FILES: Readonly<Record<string, string>> = {
  'setup.py': "from setuptools import Extension, setup\n\nsetup(name='probe', version='1.0', ext_modules=[Extension('probe', ['probe.c'])])\n",
  'probe.c': `#include <Python.h>

static PyObject *add(PyObject *self, PyObject *args) {
    long a, b;
    if (!PyArg_ParseTuple(args, "ll", &a, &b)) return NULL;
    return PyLong_FromLong(a + b);
}

static PyMethodDef methods[] = {{"add", add, METH_VARARGS, "a + b"}, {NULL, NULL, 0, NULL}};
static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "probe", NULL, -1, methods};

PyMODINIT_FUNC PyInit_probe(void) { return PyModule_Create(&module); }
`,
  'tests/test_probe.py': `import unittest

import probe


class ProbeTests(unittest.TestCase):
    def test_add(self):
        self.assertEqual(probe.add(2, 3), 5)

    def test_add_negative(self):
        self.assertEqual(probe.add(-2, 1), -1)
`,
}

/** The probe project (its extension and its passing tests) in `dir`; returns `dir`. */
export function writeProbeProject(dir: string, extraFiles: Readonly<Record<string, string>> = {}): string {
  for (const [file, content] of Object.entries({ ...PROBE_FILES, ...extraFiles })) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    writeFileSync(path.join(dir, file), content)
  }
  return dir
}

/** The probe project's tests through test-command, as a user would give it. */
export const UNITTEST_COMMAND = 'python -m unittest discover -v -s tests'

export interface FaultCellRun {
  readonly outcome: CellOutcome
  /** Everything the run logged (warnings start with `warning: `). */
  readonly messages: readonly string[]
  readonly cacheDir: string
  readonly outDir: string
}

export interface FaultCellOptions {
  /** The fake CPython source tarball (makeFakeCpythonTarball). */
  readonly tarball: string
  /** The folder the run's cache and out folders go to, unless given. */
  readonly root: string
  readonly cacheDir?: string
  readonly outDir?: string
  /** The extension project; without one only the interpreter is built (no tests). */
  readonly project?: string
  /** More `pydebug run` flags, as a user types them. */
  readonly flags?: readonly string[]
  /** The run's environment, over PATH and HOME. */
  readonly env?: Readonly<Record<string, string>>
  readonly remoteCache?: RemoteCache
  /** What the command line cannot give (a 2-second build limit). */
  readonly config?: Partial<RunConfig>
}

/** One `pydebug run` on the fake cell, as the CLI does it (parseRunConfig, createStepContext, runCell). */
export async function runFaultCell(options: FaultCellOptions): Promise<FaultCellRun> {
  const cacheDir = options.cacheDir ?? path.join(options.root, 'cache')
  const outDir = options.outDir ?? path.join(options.root, 'out')
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? options.root, ...options.env }
  const projectFlags = options.project ? ['--extension', options.project, '--test-command', UNITTEST_COMMAND] : ['--cpython-tests', 'none']
  const parsed = parseRunConfig(
    ['--python', '3.11.2', '--source', options.tarball, '--cache-dir', cacheDir, '--out', outDir, '--jobs', '1', ...projectFlags, ...(options.flags ?? [])],
    captureIo(options.root, env),
    { requireExtension: false },
  )
  // The fake tarball builds a release interpreter (this machine's python3): a custom variant, as a config file would give it.
  const config: RunConfig = { ...parsed, variant: RELEASE_VARIANT, ...options.config }
  const messages: string[] = []
  const context = await createStepContext(config, {
    env,
    workspace: options.project ?? options.root,
    log: createStreamLogger((text) => messages.push(text)),
    ...(options.remoteCache ? { remoteCache: options.remoteCache } : {}),
  })
  const outcome = await runCell(config, context, undefined)
  return { outcome, messages, cacheDir, outDir }
}

/** The run's warnings, without their `warning: ` prefix. */
export function warningsOf(run: Pick<FaultCellRun, 'messages'>): string[] {
  return run.messages.filter((text) => text.startsWith('warning: ')).map((text) => text.slice('warning: '.length).trimEnd())
}
