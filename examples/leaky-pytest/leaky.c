/*
 * leaky: a small C extension with deliberate, documented defects, so that pydebug has something
 * real to find. Each defect is exact, so tests can check the numbers a debug build reports.
 *
 *   leak_refs(n)    creates n new int objects and never releases them: n references leak per call
 *   leak_blocks(n)  allocates n PyMem_Malloc(64) blocks and never frees them: n memory blocks leak
 *   overrun()       writes one byte past a 16-byte PyMem_Malloc block, then frees it: the debug
 *                   allocator hooks abort with "bad trailing pad byte"
 *   checked_sum(seq) sums a sequence of ints with every reference released: the clean function
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
leak_refs(PyObject *module, PyObject *arg)
{
    Py_ssize_t n = PyLong_AsSsize_t(arg);
    if (n == -1 && PyErr_Occurred()) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        /* Large values: small ints are cached and immortal-ish, these are fresh objects. */
        PyObject *number = PyLong_FromSsize_t(100000 + i);
        if (number == NULL) {
            return NULL;
        }
        /* Defect: `number` is never released. */
    }
    Py_RETURN_NONE;
}

static PyObject *
leak_blocks(PyObject *module, PyObject *arg)
{
    Py_ssize_t n = PyLong_AsSsize_t(arg);
    if (n == -1 && PyErr_Occurred()) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        void *block = PyMem_Malloc(64);
        if (block == NULL) {
            return PyErr_NoMemory();
        }
        /* Defect: `block` is never freed. */
    }
    Py_RETURN_NONE;
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

static PyObject *
checked_sum(PyObject *module, PyObject *seq)
{
    PyObject *iterator = PyObject_GetIter(seq);
    if (iterator == NULL) {
        return NULL;
    }
    PyObject *total = PyLong_FromLong(0);
    if (total == NULL) {
        Py_DECREF(iterator);
        return NULL;
    }
    PyObject *item;
    while ((item = PyIter_Next(iterator)) != NULL) {
        PyObject *next_total = PyNumber_Add(total, item);
        Py_DECREF(item);
        Py_DECREF(total);
        if (next_total == NULL) {
            Py_DECREF(iterator);
            return NULL;
        }
        total = next_total;
    }
    Py_DECREF(iterator);
    if (PyErr_Occurred()) {
        Py_DECREF(total);
        return NULL;
    }
    return total;
}

static PyMethodDef leaky_methods[] = {
    {"leak_refs", leak_refs, METH_O, "leak_refs(n): leak n references."},
    {"leak_blocks", leak_blocks, METH_O, "leak_blocks(n): leak n PyMem blocks of 64 bytes."},
    {"overrun", overrun, METH_NOARGS, "overrun(): write one byte past a 16-byte PyMem block."},
    {"checked_sum", checked_sum, METH_O, "checked_sum(seq): sum of the items, no leaks."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef leaky_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "leaky",
    .m_doc = "Deliberately defective functions for testing debug builds.",
    .m_size = 0,
    .m_methods = leaky_methods,
};

PyMODINIT_FUNC
PyInit_leaky(void)
{
    return PyModule_Create(&leaky_module);
}
