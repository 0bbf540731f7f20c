#ifndef ASSAY_BENCH_CLIBXML2_SHIM_H
#define ASSAY_BENCH_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* As in the main package's Sources/CLibXML2/shim.h: Debian builds libxml2 with ICU, so <libxml/encoding.h> pulls
   in the system's <unicode/ucnv.h>, whose UErrorCode clashes with the copy of ICU inside Foundation. The floor
   hands libxml2 UTF-8 and never uses its converters, so the ICU part of the headers is left out. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#endif
