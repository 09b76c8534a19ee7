from setuptools import Extension, setup

setup(ext_modules=[Extension("plain", sources=["plain.c"])])
