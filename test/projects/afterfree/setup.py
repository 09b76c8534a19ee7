from setuptools import Extension, setup

setup(ext_modules=[Extension("afterfree", sources=["afterfree.c"])])
