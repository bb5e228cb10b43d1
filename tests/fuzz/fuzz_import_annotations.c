/* Importer target (see fuzz_import.inc). */
#define IMPORTER IMP_ANNOTATIONS
#include "fuzz_import.inc"
