"""The unittest twin of tests/test_leaky.py: the same tests as unittest.TestCase, for regrtest -R."""
import unittest

import leaky

LEAKED_REFS_PER_RUN = 3
LEAKED_BLOCKS_PER_RUN = 32


class LeakyTests(unittest.TestCase):
    def setUp(self):
        # What the pytest suite's `numbers` fixture gives.
        self.numbers = [100000, 200000, 300000]

    def test_leak_refs(self):
        self.assertIsNone(leaky.leak_refs(LEAKED_REFS_PER_RUN))

    def test_leak_blocks(self):
        self.assertIsNone(leaky.leak_blocks(LEAKED_BLOCKS_PER_RUN))

    def test_checked_sum(self):
        self.assertEqual(leaky.checked_sum(self.numbers), 600000)


if __name__ == "__main__":
    unittest.main()
