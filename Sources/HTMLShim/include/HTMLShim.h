#ifndef PRENSA_HTML_SHIM_H
#define PRENSA_HTML_SHIM_H

// A plain-C view of libxml2's HTML parser: no libxml2 header reaches Swift, only opaque
// pointers and C strings. Every string returned is owned by the document (valid until
// prensa_html_free) except where a function says otherwise.

#ifdef __cplusplus
extern "C" {
#endif

/// Kinds of node, as libxml2 numbers them.
enum {
  PRENSA_HTML_ELEMENT = 1,
  PRENSA_HTML_TEXT = 3,
  PRENSA_HTML_CDATA = 4,
  PRENSA_HTML_COMMENT = 8
};

/// Parses UTF-8 HTML leniently (recovering from broken markup, no network, no messages).
/// Returns NULL only when nothing could be parsed.
void *prensa_html_parse(const char *utf8, int length);
void prensa_html_free(void *document);
/// The root element (<html>), or NULL.
void *prensa_html_root(void *document);

int prensa_html_type(const void *node);
/// An element's name, lower-cased by the parser; NULL for other nodes.
const char *prensa_html_name(const void *node);
/// A text, CDATA or comment node's content; NULL for elements.
const char *prensa_html_content(const void *node);
const void *prensa_html_first_child(const void *node);
const void *prensa_html_next(const void *node);
/// The element's attributes one by one: index 0, 1, ... until it returns 0. Writes the name and
/// a newly allocated value (free it with prensa_html_free_string).
int prensa_html_attribute(const void *node, int index, const char **name, char **value);
void prensa_html_free_string(char *value);

#ifdef __cplusplus
}
#endif

#endif
