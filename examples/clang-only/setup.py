from setuptools import Extension, setup

# -Werror=shorten-64-to-32 is a clang warning that gcc does not know: gcc stops with
# "cc1: error: '-Werror=shorten-64-to-32': no option '-Wshorten-64-to-32'", so this project
# builds only with CC=clang.
CLANG_ONLY = ["-Werror=shorten-64-to-32"]

setup(
    name="clangonly",
    version="0",
    ext_modules=[
        Extension("clangonly", sources=["clangonly.c"], extra_compile_args=CLANG_ONLY),
        # C++ that needs the C++ runtime: linked by CXX=clang (the C driver), it needs LDFLAGS=-lstdc++.
        Extension("clangonly_cpp", sources=["clangonly_cpp.cpp"], extra_compile_args=CLANG_ONLY),
    ],
)
