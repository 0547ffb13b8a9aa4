// A plain-C view of the few ICU services prensa needs. Text is UTF-16 (uint16_t) in and out;
// no ICU type appears here, so Swift modules that also import Foundation can use it.
#ifndef PRENSA_ICU_SHIM_H
#define PRENSA_ICU_SHIM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Writes the ICU version ("72.1") into `buffer`.
void prensa_icu_version(char *buffer, int32_t capacity);

/// Normalization forms understood by the functions below.
enum { PRENSA_NFC = 0, PRENSA_NFKC = 1, PRENSA_NFD = 2, PRENSA_NFKC_CASEFOLD = 3 };

/// Length of the longest prefix of `text` that is certainly in `form` (ICU quick check); -1 on error.
int32_t prensa_normalized_prefix(int form, const uint16_t *text, int32_t length);

/// Normalizes `text` into `out`; returns the length of the result (which may exceed `capacity`,
/// in which case nothing useful was written), or -1 on error.
int32_t prensa_normalize(int form, const uint16_t *text, int32_t length, uint16_t *out,
                         int32_t capacity);

/// Whether `form` has a normalization boundary before `codePoint`.
int prensa_has_boundary_before(int form, uint32_t codePoint);

/// Full case folding of `text`; returns the result length, or -1 on error.
int32_t prensa_fold_case(const uint16_t *text, int32_t length, uint16_t *out, int32_t capacity);

/// The Unicode general category of `codePoint` (ICU's UCharCategory numbering).
int32_t prensa_general_category(uint32_t codePoint);

/// Whether `codePoint` is Extended_Pictographic or has Emoji_Presentation.
int prensa_is_emoji(uint32_t codePoint);

/// Word-break classes as prensa's own word segmenter reads them (UAX #29's Word_Break values
/// that occur in Latin, Greek and Cyrillic text). `PRENSA_WB_UNSUPPORTED` is every character the
/// segmenter leaves to ICU: Extend, Format, ZWJ, Katakana, Hebrew letters, regional indicators,
/// and the scripts ICU breaks with a dictionary (Thai, CJK, ...). The double quote, which joins
/// only Hebrew letters, is `PRENSA_WB_OTHER`.
enum {
  PRENSA_WB_OTHER = 0,
  PRENSA_WB_ALETTER = 1,
  PRENSA_WB_NUMERIC = 2,
  PRENSA_WB_MIDLETTER = 3,
  PRENSA_WB_MIDNUM = 4,
  PRENSA_WB_MIDNUMLET = 5,
  PRENSA_WB_SINGLE_QUOTE = 6,
  PRENSA_WB_EXTENDNUMLET = 7,
  PRENSA_WB_CR = 8,
  PRENSA_WB_LF = 9,
  PRENSA_WB_NEWLINE = 10,
  PRENSA_WB_WSEGSPACE = 11,
  PRENSA_WB_UNSUPPORTED = 12
};

/// The word-break class of `codePoint` from ICU's Unicode data (one of `PRENSA_WB_...`).
int32_t prensa_word_break_class(uint32_t codePoint);

/// Sentence-break classes as prensa's own sentence segmenter reads them (UAX #29's
/// Sentence_Break values). `PRENSA_SB_UNSUPPORTED` is Extend and Format, which the segmenter
/// leaves to ICU.
enum {
  PRENSA_SB_OTHER = 0,
  PRENSA_SB_ATERM = 1,
  PRENSA_SB_CLOSE = 2,
  PRENSA_SB_LOWER = 3,
  PRENSA_SB_NUMERIC = 4,
  PRENSA_SB_OLETTER = 5,
  PRENSA_SB_SEP = 6,
  PRENSA_SB_SP = 7,
  PRENSA_SB_STERM = 8,
  PRENSA_SB_UPPER = 9,
  PRENSA_SB_CR = 10,
  PRENSA_SB_LF = 11,
  PRENSA_SB_SCONTINUE = 12,
  PRENSA_SB_UNSUPPORTED = 13
};

/// The sentence-break class of `codePoint` from ICU's Unicode data (one of `PRENSA_SB_...`).
int32_t prensa_sentence_break_class(uint32_t codePoint);

/// Kinds of break iterator.
enum { PRENSA_BREAK_WORD = 0, PRENSA_BREAK_SENTENCE = 1 };

/// Finds the boundaries of `text` after UTF-16 offset `from` (0: the start) with an ICU break
/// iterator for locale `es`. Writes each boundary into `boundaries` and its rule status into
/// `statuses` (word: 0 none, 100 number, 200 letter, 300 kana, 400 ideographic), at most
/// `capacity` of them, so a long text is read in chunks of bounded memory; returns the number
/// written, or -1 on error.
int32_t prensa_breaks_from(int kind, const uint16_t *text, int32_t length, int32_t from,
                           int32_t *boundaries, int32_t *statuses, int32_t capacity);

/// Detects the charset of `bytes`; writes its name into `name` and returns the confidence (0-100),
/// or -1 when nothing was detected.
int32_t prensa_detect_charset(const char *bytes, int32_t length, char *name, int32_t capacity);

/// Converts `bytes` in `charset` to UTF-8; returns the result length (which may exceed
/// `capacity`), or -1 when the charset is unknown.
int32_t prensa_convert_to_utf8(const char *charset, const char *bytes, int32_t length, char *out,
                               int32_t capacity);

#ifdef __cplusplus
}
#endif

#endif
