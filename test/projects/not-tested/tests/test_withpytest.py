import pytest

@pytest.mark.parametrize("n", [1, 2])
def test_param(n):
    assert n > 0
