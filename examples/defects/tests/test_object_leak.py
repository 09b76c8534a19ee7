import unittest

import defects


class ObjectLeakTests(unittest.TestCase):
    def test_leak_list(self):
        self.assertIsNone(defects.leak_list())
