/* Importer target (see fuzz_import.inc). */
#define IMPORTER IMP_WIKIDATA
#include "fuzz_import.inc"
