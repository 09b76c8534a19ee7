from setuptools import Extension, setup

setup(ext_modules=[Extension("trouble", sources=["trouble.c"])])
