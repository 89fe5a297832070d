#ifndef FLOTILLA_CYAML_SHIM_H
#define FLOTILLA_CYAML_SHIM_H
#include <yaml.h>
#endif
