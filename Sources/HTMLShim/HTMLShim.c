#include "HTMLShim.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <pthread.h>

// libxml2 prints parse errors through a global handler; the extractor reports its own
// warnings, so libxml2's are dropped.
static void prensa_html_silent(void *context, const char *message, ...) {
  (void)context;
  (void)message;
}

static pthread_once_t prensa_html_once = PTHREAD_ONCE_INIT;

static void prensa_html_initialize(void) { xmlInitParser(); }

void *prensa_html_parse(const char *utf8, int length) {
  pthread_once(&prensa_html_once, prensa_html_initialize);
  xmlSetGenericErrorFunc(NULL, prensa_html_silent);
  // The text arrives as UTF-8 whatever the page declares (the caller decoded it), so the
  // page's own charset declaration is ignored.
  int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC;
  return htmlReadMemory(utf8, length, NULL, "UTF-8", options);
}

void prensa_html_free(void *document) {
  if (document != NULL) xmlFreeDoc((xmlDocPtr)document);
}

void *prensa_html_root(void *document) {
  if (document == NULL) return NULL;
  return xmlDocGetRootElement((xmlDocPtr)document);
}

int prensa_html_type(const void *node) { return (int)((const xmlNode *)node)->type; }

const char *prensa_html_name(const void *node) {
  const xmlNode *n = (const xmlNode *)node;
  if (n->type != XML_ELEMENT_NODE || n->name == NULL) return NULL;
  return (const char *)n->name;
}

const char *prensa_html_content(const void *node) {
  const xmlNode *n = (const xmlNode *)node;
  if (n->type == XML_ELEMENT_NODE) return NULL;
  return (const char *)n->content;
}

const void *prensa_html_first_child(const void *node) {
  return ((const xmlNode *)node)->children;
}

const void *prensa_html_next(const void *node) { return ((const xmlNode *)node)->next; }

int prensa_html_attribute(const void *node, int index, const char **name, char **value) {
  const xmlNode *n = (const xmlNode *)node;
  if (n->type != XML_ELEMENT_NODE) return 0;
  const xmlAttr *attribute = n->properties;
  for (int i = 0; i < index && attribute != NULL; i++) attribute = attribute->next;
  if (attribute == NULL) return 0;
  *name = (const char *)attribute->name;
  xmlChar *text = xmlNodeListGetString(n->doc, attribute->children, 1);
  *value = (char *)text;
  return 1;
}

void prensa_html_free_string(char *value) {
  if (value != NULL) xmlFree(value);
}
