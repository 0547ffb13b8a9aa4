import ICUShim
import PrensaCore

/// Turns files into records: detects each file's encoding and decodes it to UTF-8.
///
/// Order of evidence: a byte-order mark; valid UTF-8; then ICU's charset detector. Latin-1 is
/// read as Windows-1252 (its superset, which is what "Latin-1" files really are). UTF-8 with a
/// few invalid bytes keeps its text, with U+FFFD for each bad sequence and a warning.
public enum Ingestor {
  /// A decoded file.
  public struct Decoded: Equatable, Sendable {
    public var text: String
    public var encoding: String
    public var warnings: [String]

    public init(text: String, encoding: String, warnings: [String]) {
      self.text = text
      self.encoding = encoding
      self.warnings = warnings
    }
  }

  /// Why a file cannot become a record.
  public enum Failure: Error, Equatable, Sendable, CustomStringConvertible {
    case binary
    case undecodable(String)

    public var description: String {
      switch self {
      case .binary: "binary file (NUL bytes), not text"
      case .undecodable(let charset): "cannot decode as \(charset)"
      }
    }
  }

  /// Decodes a file's bytes.
  ///
  /// - Throws: `Failure.binary` for NUL bytes outside UTF-16, `Failure.undecodable` when no
  ///   charset fits.
  public static func decode(_ bytes: [UInt8]) throws(Failure) -> Decoded {
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      return utf8(Array(bytes.dropFirst(3)), encoding: "UTF-8")
    }
    if bytes.starts(with: [0xFF, 0xFE]) { return try convert(bytes, from: "UTF-16LE") }
    if bytes.starts(with: [0xFE, 0xFF]) { return try convert(bytes, from: "UTF-16BE") }
    if let text = String(validating: bytes, as: UTF8.self), !bytes.contains(0) {
      return Decoded(text: text, encoding: "UTF-8", warnings: [])
    }
    let detected = detect(bytes)
    // Without a BOM, UTF-16 and UTF-32 are guesses: keep them only if the result reads as text.
    for candidate in [detected?.0, guessBOMlessUTF16(bytes)].compactMap({ $0 })
    where candidate.hasPrefix("UTF-16") || candidate.hasPrefix("UTF-32") {
      if let decoded = try? convert(bytes, from: candidate), isPlausibleText(decoded.text) {
        return decoded
      }
    }
    if bytes.contains(0) { throw .binary }
    // Mostly valid UTF-8 with a few bad bytes: keep it as UTF-8, repaired.
    if looksLikeUTF8(bytes) { return utf8(bytes, encoding: "UTF-8") }
    let name = detected?.0 ?? "windows-1252"
    switch name {
    case "ISO-8859-1", "windows-1252", "UTF-8": return try convert(bytes, from: "windows-1252")
    default: return try convert(bytes, from: name)
    }
  }

  private static func utf8(_ bytes: [UInt8], encoding: String) -> Decoded {
    if let text = String(validating: bytes, as: UTF8.self) {
      return Decoded(text: text, encoding: encoding, warnings: [])
    }
    return Decoded(
      text: String(decoding: bytes, as: UTF8.self), encoding: encoding,
      warnings: ["invalid UTF-8 replaced with U+FFFD"])
  }

  /// Whether at least 90% of the multi-byte sequences are valid UTF-8.
  private static func looksLikeUTF8(_ bytes: [UInt8]) -> Bool {
    var valid = 0
    var invalid = 0
    var i = 0
    while i < bytes.count {
      let b = bytes[i]
      if b < 0x80 {
        i += 1
        continue
      }
      let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 ? 2 : 0
      if length > 0 && i + length <= bytes.count
        && bytes[(i + 1)..<(i + length)].allSatisfy({ $0 & 0xC0 == 0x80 })
      {
        valid += 1
        i += length
      } else {
        invalid += 1
        i += 1
      }
    }
    return valid > 0 && valid * 9 >= (valid + invalid) * 10 - valid
  }

  /// Text has no control characters but line breaks and tabs, and no U+FFFD.
  private static func isPlausibleText(_ text: String) -> Bool {
    !text.isEmpty
      && !text.unicodeScalars.contains { scalar in
        (scalar.value < 0x20 && scalar != "\n" && scalar != "\r" && scalar != "\t")
          || scalar == "\u{FFFD}"
          || scalar.properties.generalCategory == .unassigned
          || scalar.properties.generalCategory == .privateUse
      }
  }

  /// UTF-16 without a BOM shows as NUL bytes at every other position of ASCII text.
  private static func guessBOMlessUTF16(_ bytes: [UInt8]) -> String? {
    guard bytes.count >= 4, bytes.count % 2 == 0 else { return nil }
    let sample = bytes.prefix(4096)
    var evenZeros = 0
    var oddZeros = 0
    for (i, b) in sample.enumerated() where b == 0 {
      if i % 2 == 0 { evenZeros += 1 } else { oddZeros += 1 }
    }
    let half = sample.count / 2
    if oddZeros * 10 >= half * 6 && evenZeros * 10 < half { return "UTF-16LE" }
    if evenZeros * 10 >= half * 6 && oddZeros * 10 < half { return "UTF-16BE" }
    return nil
  }

  private static func detect(_ bytes: [UInt8]) -> (String, Int)? {
    var name = [CChar](repeating: 0, count: 64)
    let confidence = bytes.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) {
        prensa_detect_charset(
          $0.baseAddress, Int32(min(bytes.count, 1 << 20)), &name, Int32(name.count))
      }
    }
    guard confidence >= 0 else { return nil }
    return (
      String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self),
      Int(confidence)
    )
  }

  /// Decodes bytes from a named charset (ICU converter names and aliases).
  public static func convert(_ bytes: [UInt8], from charset: String) throws(Failure) -> Decoded {
    var capacity = bytes.count * 3 + 16
    while true {
      var out = [CChar](repeating: 0, count: capacity)
      let length = bytes.withUnsafeBufferPointer { buffer in
        buffer.withMemoryRebound(to: CChar.self) {
          prensa_convert_to_utf8(charset, $0.baseAddress, Int32(bytes.count), &out, Int32(capacity))
        }
      }
      guard length >= 0 else { throw .undecodable(charset) }
      if Int(length) <= capacity {
        let utf8 = out.prefix(Int(length)).map { UInt8(bitPattern: $0) }
        var decoded = Ingestor.utf8(
          Array(utf8.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(utf8.dropFirst(3)) : utf8),
          encoding: charset)
        if decoded.text.unicodeScalars.contains("\u{FFFD}") && decoded.warnings.isEmpty {
          decoded.warnings.append("bytes not valid in \(charset) replaced with U+FFFD")
        }
        return decoded
      }
      capacity = Int(length) + 16
    }
  }
}

extension Ingestor {
  /// The record for a text file: `id`, decoded `text`, and
  /// `source: {path, bytes, sha256, encoding}`.
  ///
  /// - Throws: `Failure` when the bytes are not text.
  public static func document(bytes: [UInt8], id: String, path: String) throws(Failure) -> Document
  {
    let decoded = try decode(bytes)
    var document = Document(id: id, text: decoded.text)
    document.fields["source"] = .object(
      JSONObject([
        ("path", .string(path)), ("bytes", .int(bytes.count)),
        ("sha256", .string(SHA256.hex(bytes))),
        ("encoding", .string(decoded.encoding)),
      ]))
    document.warnings = decoded.warnings
    return document
  }
}
