import defects

INT_MAX = 2**31 - 1


def test_signed_overflow():
    defects.signed_overflow(INT_MAX)
