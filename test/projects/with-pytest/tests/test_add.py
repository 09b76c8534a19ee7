"""pytest-style tests: two pass, one fails on purpose, one is skipped."""
import pytest

import withpytest


def test_add_ints():
    assert withpytest.add(1, 2) == 3


def test_add_strings():
    assert withpytest.add("a", "b") == "ab"


def test_add_wrong_on_purpose():
    assert withpytest.add(2, 2) == 5


@pytest.mark.skip(reason="shows a skip in the report")
def test_skipped():
    pass
