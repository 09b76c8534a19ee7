#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
double_free(PyObject *self, PyObject *unused)
{
    char *buffer = PyMem_Malloc(16);
    if (buffer == NULL) return PyErr_NoMemory();
    PyMem_Free(buffer);
    PyMem_Free(buffer);
    Py_RETURN_NONE;
}

static PyObject *
print_after_free(PyObject *self, PyObject *unused)
{
    PyObject *number = PyLong_FromLong(123456789);
    if (number == NULL) return NULL;
    Py_DECREF(number);
    PyObject_Print(number, stdout, 0);
    printf("\n");
    fflush(stdout);
    Py_RETURN_NONE;
}

static PyMethodDef afterfree_methods[] = {
    {"double_free", double_free, METH_NOARGS, NULL},
    {"print_after_free", print_after_free, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef afterfree_module = {PyModuleDef_HEAD_INIT, "afterfree", NULL, -1, afterfree_methods};

PyMODINIT_FUNC PyInit_afterfree(void) { return PyModule_Create(&afterfree_module); }
