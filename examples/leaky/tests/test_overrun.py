"""A heap buffer overrun: the debug build's allocator hooks abort the process when the block is freed."""
import unittest

import leaky


class OverrunTests(unittest.TestCase):
    def test_overrun(self):
        leaky.overrun()


if __name__ == "__main__":
    unittest.main()
