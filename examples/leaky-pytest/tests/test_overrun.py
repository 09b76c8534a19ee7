"""A heap buffer overrun: the debug build's allocator hooks abort the process; faulthandler names this test."""
import leaky


def test_overrun():
    leaky.overrun()
