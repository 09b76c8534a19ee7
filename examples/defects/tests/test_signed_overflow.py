import unittest

import defects

INT_MAX = 2**31 - 1


class SignedOverflowTests(unittest.TestCase):
    def test_signed_overflow(self):
        defects.signed_overflow(INT_MAX)
