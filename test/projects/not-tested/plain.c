#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
double_it(PyObject *self, PyObject *value)
{
    return PyNumber_Add(value, value);
}

static PyMethodDef plain_methods[] = {
    {"double_it", double_it, METH_O, "double_it(x): x + x."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef plain_module = {PyModuleDef_HEAD_INIT, "plain", NULL, -1, plain_methods};

PyMODINIT_FUNC PyInit_plain(void) { return PyModule_Create(&plain_module); }
