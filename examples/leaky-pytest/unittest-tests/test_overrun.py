"""The unittest twin of tests/test_overrun.py."""
import unittest

import leaky


class OverrunTests(unittest.TestCase):
    def test_overrun(self):
        leaky.overrun()


if __name__ == "__main__":
    unittest.main()
