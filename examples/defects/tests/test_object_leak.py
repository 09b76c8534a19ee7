import unittest

import defects

# Lists leaked per run of the test. One per run is what the census names exactly, but the allocator's
# statistics of a 3.11 debug build move by a few blocks per size class between runs of any test:
# 32 per run stands out of that noise every time, as examples/leaky's 32 blocks do for regrtest -R.
LEAKED_LISTS_PER_RUN = 32


class ObjectLeakTests(unittest.TestCase):
    def test_leak_list(self):
        for _ in range(LEAKED_LISTS_PER_RUN):
            self.assertIsNone(defects.leak_list())
