"""The second test overruns a buffer: the debug allocator hooks abort the whole pytest process."""
import withpytest


def test_before_the_crash():
    assert withpytest.add(1, 1) == 2


def test_overrun():
    withpytest.overrun()


def test_never_reached():
    pass
