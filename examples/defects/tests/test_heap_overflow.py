import unittest

import defects


class HeapOverflowTests(unittest.TestCase):
    def test_heap_overflow(self):
        defects.heap_overflow()
