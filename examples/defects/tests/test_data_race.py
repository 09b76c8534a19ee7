import unittest

import defects


class DataRaceTests(unittest.TestCase):
    def test_data_race(self):
        self.assertGreater(defects.data_race(), 0)
