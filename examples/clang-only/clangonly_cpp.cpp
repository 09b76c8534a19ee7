// clangonly_cpp: C++ that uses the C++ runtime (std::string): linked with a C driver, it needs -lstdc++.
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string>

static PyObject *
shout(PyObject *, PyObject *arg)
{
    const char *text = PyUnicode_AsUTF8(arg);
    if (text == nullptr) {
        return nullptr;
    }
    std::string loud(text);
    loud += "!";
    return PyUnicode_FromStringAndSize(loud.data(), static_cast<Py_ssize_t>(loud.size()));
}

static PyMethodDef methods[] = {
    {"shout", shout, METH_O, "shout(text): text + '!', through std::string."},
    {nullptr, nullptr, 0, nullptr},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "clangonly_cpp", nullptr, 0, methods};

PyMODINIT_FUNC
PyInit_clangonly_cpp(void)
{
    return PyModule_Create(&module);
}
