#ifndef ASSAY_CLIBXML2_SHIM_H
#define ASSAY_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* Debian builds libxml2 with ICU, so <libxml/encoding.h> pulls in the system's <unicode/ucnv.h>, whose
   UErrorCode clashes with the copy of ICU inside Foundation. assay never touches libxml2's converters
   (it decodes bytes itself and passes UTF-8), so the ICU part of the headers is left out. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>

/* Swift 6 rejects references to the global function-pointer variable `xmlFree`. */
static inline void assay_xml_free(void *pointer) { xmlFree(pointer); }
#endif
