#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

static PyObject *
result_with_error(PyObject *self, PyObject *unused)
{
    PyErr_SetString(PyExc_ValueError, "set but not returned");
    Py_RETURN_NONE;
}

static PyObject *
overrun8(PyObject *self, PyObject *unused)
{
    char *buffer = PyMem_Malloc(16);
    if (buffer == NULL) return PyErr_NoMemory();
    memset(buffer, 'x', 24);
    PyMem_Free(buffer);
    Py_RETURN_NONE;
}

static PyMethodDef trouble_methods[] = {
    {"result_with_error", result_with_error, METH_NOARGS, NULL},
    {"overrun8", overrun8, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef trouble_module = {PyModuleDef_HEAD_INIT, "trouble", NULL, -1, trouble_methods};

PyMODINIT_FUNC PyInit_trouble(void) { return PyModule_Create(&trouble_module); }
