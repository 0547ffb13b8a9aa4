#include "ICUShim.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/uversion.h>

void prensa_icu_version(char *buffer, int32_t capacity) {
  UVersionInfo info;
  u_getVersion(info);
  char text[U_MAX_VERSION_STRING_LENGTH];
  u_versionToString(info, text);
  snprintf(buffer, (size_t)capacity, "%s", text);
}

static const UNormalizer2 *normalizer(int form) {
  UErrorCode status = U_ZERO_ERROR;
  const UNormalizer2 *result = NULL;
  switch (form) {
  case PRENSA_NFC: result = unorm2_getNFCInstance(&status); break;
  case PRENSA_NFKC: result = unorm2_getNFKCInstance(&status); break;
  case PRENSA_NFD: result = unorm2_getNFDInstance(&status); break;
  case PRENSA_NFKC_CASEFOLD: result = unorm2_getNFKCCasefoldInstance(&status); break;
  default: return NULL;
  }
  return U_FAILURE(status) ? NULL : result;
}

int32_t prensa_normalized_prefix(int form, const uint16_t *text, int32_t length) {
  const UNormalizer2 *n = normalizer(form);
  if (n == NULL) return -1;
  UErrorCode status = U_ZERO_ERROR;
  int32_t end = unorm2_spanQuickCheckYes(n, (const UChar *)text, length, &status);
  return U_FAILURE(status) ? -1 : end;
}

int32_t prensa_normalize(int form, const uint16_t *text, int32_t length, uint16_t *out,
                         int32_t capacity) {
  const UNormalizer2 *n = normalizer(form);
  if (n == NULL) return -1;
  UErrorCode status = U_ZERO_ERROR;
  int32_t written = unorm2_normalize(n, (const UChar *)text, length, (UChar *)out, capacity, &status);
  if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING) return written;
  return U_FAILURE(status) ? -1 : written;
}

int prensa_has_boundary_before(int form, uint32_t codePoint) {
  const UNormalizer2 *n = normalizer(form);
  return n != NULL && unorm2_hasBoundaryBefore(n, (UChar32)codePoint);
}

int32_t prensa_fold_case(const uint16_t *text, int32_t length, uint16_t *out, int32_t capacity) {
  UErrorCode status = U_ZERO_ERROR;
  int32_t written = u_strFoldCase((UChar *)out, capacity, (const UChar *)text, length,
                                  U_FOLD_CASE_DEFAULT, &status);
  if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING) return written;
  return U_FAILURE(status) ? -1 : written;
}

int32_t prensa_general_category(uint32_t codePoint) { return (int32_t)u_charType((UChar32)codePoint); }

int prensa_is_emoji(uint32_t codePoint) {
  return u_hasBinaryProperty((UChar32)codePoint, UCHAR_EXTENDED_PICTOGRAPHIC) ||
         u_hasBinaryProperty((UChar32)codePoint, UCHAR_EMOJI_PRESENTATION);
}

int32_t prensa_word_break_class(uint32_t codePoint) {
  UChar32 c = (UChar32)codePoint;
  // Characters that ICU's word rules hand to a dictionary, or count as kana or ideographs.
  if (u_getIntPropertyValue(c, UCHAR_LINE_BREAK) == U_LB_COMPLEX_CONTEXT ||
      u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC))
    return PRENSA_WB_UNSUPPORTED;
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode script = uscript_getScript(c, &status);
  if (U_FAILURE(status) || script == USCRIPT_HAN || script == USCRIPT_HIRAGANA ||
      script == USCRIPT_KATAKANA || (c >= 0xAC00 && c <= 0xD7A3))
    return PRENSA_WB_UNSUPPORTED;
  switch (u_getIntPropertyValue(c, UCHAR_WORD_BREAK)) {
  case U_WB_OTHER: return PRENSA_WB_OTHER;
  case U_WB_ALETTER: return PRENSA_WB_ALETTER;
  case U_WB_NUMERIC: return PRENSA_WB_NUMERIC;
  case U_WB_MIDLETTER: return PRENSA_WB_MIDLETTER;
  case U_WB_MIDNUM: return PRENSA_WB_MIDNUM;
  case U_WB_MIDNUMLET: return PRENSA_WB_MIDNUMLET;
  case U_WB_SINGLE_QUOTE: return PRENSA_WB_SINGLE_QUOTE;
  case U_WB_EXTENDNUMLET: return PRENSA_WB_EXTENDNUMLET;
  case U_WB_CR: return PRENSA_WB_CR;
  case U_WB_LF: return PRENSA_WB_LF;
  case U_WB_NEWLINE: return PRENSA_WB_NEWLINE;
  case U_WB_WSEGSPACE: return PRENSA_WB_WSEGSPACE;
  // The double quote joins only Hebrew letters (WB7b/c), which are left to ICU: beside any
  // other character it breaks like any symbol.
  case U_WB_DOUBLE_QUOTE: return PRENSA_WB_OTHER;
  default: return PRENSA_WB_UNSUPPORTED;
  }
}

int32_t prensa_sentence_break_class(uint32_t codePoint) {
  switch (u_getIntPropertyValue((UChar32)codePoint, UCHAR_SENTENCE_BREAK)) {
  case U_SB_OTHER: return PRENSA_SB_OTHER;
  case U_SB_ATERM: return PRENSA_SB_ATERM;
  case U_SB_CLOSE: return PRENSA_SB_CLOSE;
  case U_SB_LOWER: return PRENSA_SB_LOWER;
  case U_SB_NUMERIC: return PRENSA_SB_NUMERIC;
  case U_SB_OLETTER: return PRENSA_SB_OLETTER;
  case U_SB_SEP: return PRENSA_SB_SEP;
  case U_SB_SP: return PRENSA_SB_SP;
  case U_SB_STERM: return PRENSA_SB_STERM;
  case U_SB_UPPER: return PRENSA_SB_UPPER;
  case U_SB_CR: return PRENSA_SB_CR;
  case U_SB_LF: return PRENSA_SB_LF;
  case U_SB_SCONTINUE: return PRENSA_SB_SCONTINUE;
  default: return PRENSA_SB_UNSUPPORTED;
  }
}

// Opening a break iterator parses its rules; cloning a template is much cheaper. Each thread
// clones a template once, on its first call, and keeps the clone for its later calls (a clone
// per call cost an allocation of ICU's break cache and its release per text): the shim stays
// thread-safe, each thread's iterator is only ever used by that thread. A clone lives as long as
// its thread; the process's threads are few (the main one and a bounded worker pool).
static UBreakIterator *templates[2];
static pthread_once_t templatesOnce = PTHREAD_ONCE_INIT;
static _Thread_local UBreakIterator *threadIterators[2];

static void openTemplates(void) {
  UErrorCode status = U_ZERO_ERROR;
  templates[PRENSA_BREAK_WORD] = ubrk_open(UBRK_WORD, "es", NULL, 0, &status);
  if (U_FAILURE(status)) templates[PRENSA_BREAK_WORD] = NULL;
  status = U_ZERO_ERROR;
  templates[PRENSA_BREAK_SENTENCE] = ubrk_open(UBRK_SENTENCE, "es", NULL, 0, &status);
  if (U_FAILURE(status)) templates[PRENSA_BREAK_SENTENCE] = NULL;
}

int32_t prensa_breaks_from(int kind, const uint16_t *text, int32_t length, int32_t from,
                           int32_t *boundaries, int32_t *statuses, int32_t capacity) {
  if (kind != PRENSA_BREAK_WORD && kind != PRENSA_BREAK_SENTENCE) return -1;
  if (from < 0 || from > length) return -1;
  UBreakIterator *iterator = threadIterators[kind];
  if (iterator == NULL) {
    pthread_once(&templatesOnce, openTemplates);
    if (templates[kind] == NULL) return -1;
    UErrorCode status = U_ZERO_ERROR;
    iterator = ubrk_clone(templates[kind], &status);
    if (U_FAILURE(status)) return -1;
    threadIterators[kind] = iterator;
  }
  UErrorCode status = U_ZERO_ERROR;
  // Setting a new text resets the iterator: nothing of the previous text is kept.
  ubrk_setText(iterator, (const UChar *)text, length, &status);
  if (U_FAILURE(status)) return -1;
  int32_t count = 0;
  int32_t b;
  if (from == 0) {
    ubrk_first(iterator);
    b = ubrk_next(iterator);
  } else {
    b = ubrk_following(iterator, from);
  }
  for (; b != UBRK_DONE && count < capacity; b = ubrk_next(iterator)) {
    boundaries[count] = b;
    statuses[count] = ubrk_getRuleStatus(iterator);
    count++;
  }
  // The iterator still points at the caller's text, which may go away: it is never read again,
  // the thread's next call sets its own text first.
  return count;
}

int32_t prensa_detect_charset(const char *bytes, int32_t length, char *name, int32_t capacity) {
  UErrorCode status = U_ZERO_ERROR;
  UCharsetDetector *detector = ucsdet_open(&status);
  if (U_FAILURE(status)) return -1;
  ucsdet_setText(detector, bytes, length, &status);
  const UCharsetMatch *match = ucsdet_detect(detector, &status);
  int32_t confidence = -1;
  if (U_SUCCESS(status) && match != NULL) {
    const char *found = ucsdet_getName(match, &status);
    if (U_SUCCESS(status) && found != NULL) {
      snprintf(name, (size_t)capacity, "%s", found);
      confidence = ucsdet_getConfidence(match, &status);
      if (U_FAILURE(status)) confidence = -1;
    }
  }
  ucsdet_close(detector);
  return confidence;
}

int32_t prensa_convert_to_utf8(const char *charset, const char *bytes, int32_t length, char *out,
                               int32_t capacity) {
  UErrorCode status = U_ZERO_ERROR;
  int32_t written = ucnv_convert("UTF-8", charset, out, capacity, bytes, length, &status);
  if (status == U_BUFFER_OVERFLOW_ERROR || status == U_STRING_NOT_TERMINATED_WARNING) return written;
  return U_FAILURE(status) ? -1 : written;
}
