import plain


def test_adds():
    assert plain.double_it(21) == 42
