import unittest

import defects


class UninitialisedTests(unittest.TestCase):
    def test_uninitialised_branch(self):
        self.assertIn(defects.uninitialised_branch(), (0, 1))
