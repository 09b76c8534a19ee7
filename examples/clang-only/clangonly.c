/* clangonly: a C extension whose setup.py passes a clang-only warning flag (-Werror=shorten-64-to-32). */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
length(PyObject *module, PyObject *arg)
{
    Py_ssize_t size = PyObject_Length(arg);
    if (size < 0) {
        return NULL;
    }
    /* Py_ssize_t stays Py_ssize_t: no 64-to-32 narrowing, which the flag would make an error. */
    return PyLong_FromSsize_t(size);
}

static PyMethodDef clangonly_methods[] = {
    {"length", length, METH_O, "length(obj): len(obj), computed in C."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef clangonly_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "clangonly",
    .m_size = 0,
    .m_methods = clangonly_methods,
};

PyMODINIT_FUNC
PyInit_clangonly(void)
{
    return PyModule_Create(&clangonly_module);
}
