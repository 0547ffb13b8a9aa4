// CMemory is header-only (include/CMemory.h); SwiftPM needs one source file in a C target.
#include "CMemory.h"
