import unittest

import afterfree


class DoubleFreeTests(unittest.TestCase):
    def test_double_free(self):
        afterfree.double_free()
