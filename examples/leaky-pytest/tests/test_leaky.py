"""The pytest suite: the same behaviours as unittest-tests/test_leaky.py, written with pytest features.

pydebug runs it with its pytest plugin (python/pydebug_refleak.py), which repeats each test as
regrtest -R repeats a unittest case; the e2e test checks both give the same verdicts and deltas.
"""
import pytest

import leaky

# Per run of a test, exactly this many references (leak_refs) and PyMem blocks (leak_blocks) leak.
LEAKED_REFS_PER_RUN = 3
# As in examples/leaky: 3.11's block count is noisy, so the block leak is large enough to be flagged every time.
LEAKED_BLOCKS_PER_RUN = 32


@pytest.fixture
def numbers():
    # A function fixture that allocates on every run: torn down after each run, it must not read as a leak.
    return [100000, 200000, 300000]


@pytest.mark.parametrize("count", [LEAKED_REFS_PER_RUN])
def test_leak_refs(count):
    assert leaky.leak_refs(count) is None


def test_leak_blocks():
    assert leaky.leak_blocks(LEAKED_BLOCKS_PER_RUN) is None


def test_checked_sum(numbers):
    assert leaky.checked_sum(numbers) == 600000
