from setuptools import Extension, setup

setup(name="withpytest", version="0", ext_modules=[Extension("withpytest", sources=["withpytest.c"])])
