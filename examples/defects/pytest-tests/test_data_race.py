import defects


def test_data_race():
    assert defects.data_race() > 0
