#ifndef RNNLESSONS_CCAIRO_SHIM_H
#define RNNLESSONS_CCAIRO_SHIM_H
#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#endif
