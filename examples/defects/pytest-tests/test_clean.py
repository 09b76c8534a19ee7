import defects


def test_add():
    assert defects.add(2, 3) == 5
