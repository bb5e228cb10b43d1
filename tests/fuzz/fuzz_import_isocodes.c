/* Importer target (see fuzz_import.inc). */
#define IMPORTER IMP_ISOCODES
#include "fuzz_import.inc"
