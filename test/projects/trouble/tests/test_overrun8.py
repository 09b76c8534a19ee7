import unittest

from helpers import call_into


class Overrun8Tests(unittest.TestCase):
    def test_overrun8(self):
        call_into("overrun8")
