#ifndef FLOTILLA_CZLIB_SHIM_H
#define FLOTILLA_CZLIB_SHIM_H
#include <zlib.h>
#endif
