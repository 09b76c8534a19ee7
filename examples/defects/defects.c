/*
 * One defect per tool: each function is wrong in a way exactly one kind of debug build or checker
 * reports. The tests in tests/ call one function each, so a finding names its test.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* memcheck: a branch on a value nobody wrote ("Conditional jump or move depends on uninitialised value"). */
static PyObject *
uninitialised_branch(PyObject *self, PyObject *unused)
{
    int *numbers = malloc(4 * sizeof(int));
    if (numbers == NULL) return PyErr_NoMemory();
    numbers[0] = 1;
    long result = numbers[3] > 0 ? 1 : 0;
    free(numbers);
    return PyLong_FromLong(result);
}

/* AddressSanitizer: one byte written past a malloc'd buffer (heap-buffer-overflow). */
static PyObject *
heap_overflow(PyObject *self, PyObject *unused)
{
    volatile char *buffer = malloc(16);
    if (buffer == NULL) return PyErr_NoMemory();
    buffer[16] = 'x';
    free((void *)buffer);
    Py_RETURN_NONE;
}

/* UndefinedBehaviorSanitizer: signed integer overflow. */
static PyObject *
signed_overflow(PyObject *self, PyObject *arg)
{
    int value = (int)PyLong_AsLong(arg);
    if (value == -1 && PyErr_Occurred()) return NULL;
    int doubled = value + value;
    return PyLong_FromLong(doubled);
}

/* ThreadSanitizer: two threads of the extension's own add to one counter with no lock (data race). */
static long racy_counter;

static void *
racy_increment(void *unused)
{
    for (int i = 0; i < 1000; i++) racy_counter++;
    return NULL;
}

static PyObject *
data_race(PyObject *self, PyObject *unused)
{
    pthread_t first, second;
    Py_BEGIN_ALLOW_THREADS
    pthread_create(&first, NULL, racy_increment, NULL);
    pthread_create(&second, NULL, racy_increment, NULL);
    pthread_join(first, NULL);
    pthread_join(second, NULL);
    Py_END_ALLOW_THREADS
    return PyLong_FromLong(racy_counter);
}

/* A census of live objects by type names the leak: one list per call is never released. */
static PyObject *
leak_list(PyObject *self, PyObject *unused)
{
    PyObject *list = PyList_New(0);
    if (list == NULL) return NULL;
    Py_INCREF(list);
    Py_DECREF(list);
    Py_RETURN_NONE;  /* the reference from PyList_New is lost */
}

/* Nothing wrong: the control. */
static PyObject *
add(PyObject *self, PyObject *args)
{
    long a, b;
    if (!PyArg_ParseTuple(args, "ll", &a, &b)) return NULL;
    return PyLong_FromLong(a + b);
}

static PyMethodDef defects_methods[] = {
    {"uninitialised_branch", uninitialised_branch, METH_NOARGS, "branch on an uninitialised int (memcheck)"},
    {"heap_overflow", heap_overflow, METH_NOARGS, "write one byte past a 16-byte malloc (ASan)"},
    {"signed_overflow", signed_overflow, METH_O, "signed_overflow(n): n + n in a C int (UBSan)"},
    {"data_race", data_race, METH_NOARGS, "two threads add to one counter without a lock (TSan)"},
    {"leak_list", leak_list, METH_NOARGS, "leak one list (trace-refs census)"},
    {"add", add, METH_VARARGS, "add(a, b): a + b, no defect"},
    {NULL, NULL, 0, NULL},
};

/*
 * Single-phase initialisation without Py_mod_gil: a free-threaded interpreter (3.13t) re-enables
 * the GIL to import it and says so in a RuntimeWarning, the free-threading trap.
 */
static struct PyModuleDef defects_module = {PyModuleDef_HEAD_INIT, "defects", NULL, -1, defects_methods};

PyMODINIT_FUNC
PyInit_defects(void)
{
    return PyModule_Create(&defects_module);
}
