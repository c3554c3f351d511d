#ifndef INCIDENT_CCMARK_SHIM_H
#define INCIDENT_CCMARK_SHIM_H
#include <cmark.h>
#endif
