/* Importer target (see fuzz_import.inc). */
#define IMPORTER IMP_GEONAMES
#include "fuzz_import.inc"
