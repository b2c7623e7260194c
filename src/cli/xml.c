/* SPDX-License-Identifier: MIT */
#include "xml.h"

#include <string.h>

/* XML 1.0's last C0 control character and DEL, neither allowed in a document. */
#define XML_C0_LAST 0x1f
#define XML_DEL 0x7f

void gp_xml_textn(FILE *out, const char *s, size_t n)
{
	for (; n > 0 && *s; s++, n--) {
		unsigned char ch = (unsigned char)*s;

		switch (ch) {
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '&':
			fputs("&amp;", out);
			break;
		case '"':
			fputs("&quot;", out);
			break;
		case '\'':
			fputs("&apos;", out);
			break;
		case '\t':
		case '\n':
		case '\r':
			fprintf(out, "&#%u;", ch);
			break;
		default:
			fputc(ch <= XML_C0_LAST || ch == XML_DEL ? '?' : ch, out);
		}
	}
}

void gp_xml_text(FILE *out, const char *s)
{
	gp_xml_textn(out, s, strlen(s));
}
