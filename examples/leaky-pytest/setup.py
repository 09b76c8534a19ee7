from setuptools import Extension, setup

setup(ext_modules=[Extension("leaky", sources=["leaky.c"])])
