from setuptools import Extension, setup

# -O0 -g: the tools' reports name the C line, and the optimiser keeps the defects as written.
setup(ext_modules=[Extension("defects", sources=["defects.c"], extra_compile_args=["-O0", "-g"])])
