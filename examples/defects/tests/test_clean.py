import unittest

import defects


class CleanTests(unittest.TestCase):
    def test_add(self):
        self.assertEqual(defects.add(2, 3), 5)
