/* SPDX-License-Identifier: MIT */
/* Text into XML documents (the JUnit report, the SVG map). */
#ifndef GP_XML_H
#define GP_XML_H

#include <stddef.h>
#include <stdio.h>

/*
 * Write the first @n bytes of @s (fewer at a NUL) as XML 1.0 character data
 * or an attribute value: markup characters as entities, tab, newline and
 * carriage return as character references, and the control characters XML
 * 1.0 cannot carry at all as '?'.
 */
void gp_xml_textn(FILE *out, const char *s, size_t n);

/* gp_xml_textn of all of @s. */
void gp_xml_text(FILE *out, const char *s);

#endif
