import unittest

from helpers import call_into


class CheckResultTests(unittest.TestCase):
    def test_fine(self):
        self.assertEqual(1 + 1, 2)

    def test_result_with_error(self):
        call_into("result_with_error")
