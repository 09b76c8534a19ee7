import unittest

import afterfree


class PrintAfterFreeTests(unittest.TestCase):
    def test_print_after_free(self):
        afterfree.print_after_free()
