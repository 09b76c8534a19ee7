import defects


def test_heap_overflow():
    defects.heap_overflow()
