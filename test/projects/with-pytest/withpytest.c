/*
 * withpytest: a tiny C extension whose tests are written for pytest (module-level test functions),
 * for pydebug's `test-command` tests.
 *
 *   add(a, b)    a + b, with every reference released
 *   overrun()    writes one byte past a 16-byte PyMem_Malloc block, then frees it: the debug
 *                allocator hooks abort with "bad trailing pad byte"
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
add(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "add() takes exactly 2 arguments");
        return NULL;
    }
    return PyNumber_Add(args[0], args[1]);
}

static PyObject *
overrun(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    char *buffer = PyMem_Malloc(16);
    if (buffer == NULL) {
        return PyErr_NoMemory();
    }
    memset(buffer, 0, 16);
    /* Defect: one byte past the end of the 16-byte block. */
    buffer[16] = 'x';
    PyMem_Free(buffer);
    Py_RETURN_NONE;
}

static PyMethodDef withpytest_methods[] = {
    {"add", (PyCFunction)(void (*)(void))add, METH_FASTCALL, "add(a, b): a + b."},
    {"overrun", overrun, METH_NOARGS, "overrun(): write one byte past a 16-byte PyMem block."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef withpytest_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "withpytest",
    .m_doc = "A C extension tested with pytest.",
    .m_size = 0,
    .m_methods = withpytest_methods,
};

PyMODINIT_FUNC
PyInit_withpytest(void)
{
    return PyModule_Create(&withpytest_module);
}
