import unittest

import clangonly
import clangonly_cpp


class ClangOnlyTests(unittest.TestCase):
    def test_length(self):
        self.assertEqual(clangonly.length([1, 2, 3]), 3)

    def test_shout(self):
        self.assertEqual(clangonly_cpp.shout("hi"), "hi!")


if __name__ == "__main__":
    unittest.main()
