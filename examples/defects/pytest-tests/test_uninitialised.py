import defects


def test_uninitialised_branch():
    assert defects.uninitialised_branch() in (0, 1)
