/// HTML character references: `&aacute;`, `&#233;`, `&#xE9;`.
///
/// Only references closed by `;` are decoded, so a bare ampersand (`AT&T`, `I+D&i`) is left alone.
/// The named table holds the HTML 4 set (Latin-1, symbols, Greek, typography), which is what
/// news sites and CMS exports produce; an unknown name is left as written.
enum HTMLEntities {
  /// Decodes the reference that starts at `i` (an `&`) if there is one.
  ///
  /// - Returns: the decoded scalar and the index just past the `;`.
  static func decode(_ s: [Unicode.Scalar], at i: Int) -> (Unicode.Scalar, Int)? {
    var j = i + 1
    guard j < s.count else { return nil }
    if s[j] == "#" {
      j += 1
      var radix: UInt32 = 10
      if j < s.count && (s[j] == "x" || s[j] == "X") {
        radix = 16
        j += 1
      }
      var value: UInt32 = 0
      let digitsStart = j
      while j < s.count, j - digitsStart < 8, let digit = hexValue(s[j]), digit < radix {
        value = value * radix + digit
        j += 1
      }
      guard j > digitsStart, j < s.count, s[j] == ";" else { return nil }
      // HTML maps the C1 range to Windows-1252, as browsers do (&#150; is an en dash).
      if (0x80...0x9F).contains(value), let mapped = Mojibake.windows1252Upper[Int(value - 0x80)] {
        return (mapped, j + 1)
      }
      guard value != 0, let scalar = Unicode.Scalar(value) else { return nil }
      return (scalar, j + 1)
    }
    var name = ""
    while j < s.count, j - i <= 10, isASCIIAlphanumeric(s[j]) {
      name.unicodeScalars.append(s[j])
      j += 1
    }
    guard j < s.count, s[j] == ";", let value = named[name], let scalar = Unicode.Scalar(value)
    else { return nil }
    return (scalar, j + 1)
  }

  private static func isASCIIAlphanumeric(_ c: Unicode.Scalar) -> Bool {
    switch c.value {
    case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
    default: false
    }
  }

  private static func hexValue(_ c: Unicode.Scalar) -> UInt32? {
    switch c.value {
    case 0x30...0x39: c.value - 0x30
    case 0x41...0x46: c.value - 0x41 + 10
    case 0x61...0x66: c.value - 0x61 + 10
    default: nil
    }
  }

  static let named: [String: UInt32] = {
    var table: [String: UInt32] = [
      "quot": 34, "amp": 38, "apos": 39, "lt": 60, "gt": 62,
      "OElig": 338, "oelig": 339, "Scaron": 352, "scaron": 353, "Yuml": 376, "fnof": 402,
      "circ": 710, "tilde": 732, "ensp": 8194, "emsp": 8195, "thinsp": 8201, "zwnj": 8204,
      "zwj": 8205, "lrm": 8206, "rlm": 8207, "ndash": 8211, "mdash": 8212, "lsquo": 8216,
      "rsquo": 8217, "sbquo": 8218, "ldquo": 8220, "rdquo": 8221, "bdquo": 8222, "dagger": 8224,
      "Dagger": 8225, "bull": 8226, "hellip": 8230, "permil": 8240, "prime": 8242, "Prime": 8243,
      "lsaquo": 8249, "rsaquo": 8250, "oline": 8254, "frasl": 8260, "euro": 8364, "trade": 8482,
      "larr": 8592, "uarr": 8593, "rarr": 8594, "darr": 8595, "harr": 8596, "minus": 8722,
      "le": 8804, "ge": 8805, "ne": 8800, "asymp": 8776, "infin": 8734, "deg": 176,
    ]
    // Latin-1: the HTML 4 names of U+00A0...U+00FF, in code point order.
    let latin1 = """
      nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn \
      sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave \
      Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml \
      ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN \
      szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute \
      icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml \
      yacute thorn yuml
      """.split(separator: " ")
    for (offset, name) in latin1.enumerated() { table[String(name)] = 0xA0 + UInt32(offset) }
    // Greek letters, as used in science and finance news.
    let greekUpper =
      "Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu Xi Omicron Pi Rho"
      .split(separator: " ")
    for (offset, name) in greekUpper.enumerated() {
      table[String(name)] = 0x391 + UInt32(offset)
      table[String(name).lowercased()] = 0x3B1 + UInt32(offset)
    }
    let greekRest = "Sigma Tau Upsilon Phi Chi Psi Omega".split(separator: " ")
    for (offset, name) in greekRest.enumerated() {
      table[String(name)] = 0x3A3 + UInt32(offset)
      table[String(name).lowercased()] = 0x3C3 + UInt32(offset)
    }
    table["sigmaf"] = 0x3C2
    return table
  }()
}
