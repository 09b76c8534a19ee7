import defects

# As tests/test_object_leak.py: 32 lists per run stand out of the allocator statistics' noise.
LEAKED_LISTS_PER_RUN = 32


def test_leak_list():
    for _ in range(LEAKED_LISTS_PER_RUN):
        assert defects.leak_list() is None
