/* Importer target (see fuzz_import.inc). */
#define IMPORTER IMP_MO
#include "fuzz_import.inc"
