import { existsSync, mkdirSync, symlinkSync } from 'node:fs'
import path from 'node:path'

/** Debian's python3-pytest: pure Python, so a folder of links to its packages, on PYTHONPATH, gives any debug interpreter pytest (no PyPI here). */
const DIST_PACKAGES = '/usr/lib/python3/dist-packages'
const PYTEST_PACKAGES = ['pytest', '_pytest', 'pluggy', 'iniconfig', 'packaging', 'py', 'py.py', 'attr', 'attrs']

export const hasDebianPytest = existsSync(path.join(DIST_PACKAGES, 'pytest'))

/** Makes `<scratch>/pytest-lib` (once) and returns it, for PYTHONPATH. */
export function debianPytestLib(scratch: string): string {
  const folder = path.join(scratch, 'pytest-lib')
  if (!existsSync(folder)) {
    mkdirSync(folder, { recursive: true })
    for (const name of PYTEST_PACKAGES) if (existsSync(path.join(DIST_PACKAGES, name))) symlinkSync(path.join(DIST_PACKAGES, name), path.join(folder, name))
  }
  return folder
}
