import PrensaCore

/// The model file: a short text header, then the feature names one a line, then the four weight
/// matrices as little-endian 32-bit floats (docs/classifier.md, "The model file").
///
///     prensa-classifier-model 4
///     info trained on 4,102 sentences ...
///     features 41234
///     category none diplomatic ...
///     stance neutral alarm ...
///     checksum 9f1c0d2e3a4b5c6d
///     <blank line>
///     <feature names, each ending in \n><category first><category second><stance first><stance>
///
/// Format 4 differs from 3 only in its checksum, taken over 8-byte words (`checksum`) instead of
/// byte by byte (`byteChecksum`: FNV-1a, one dependent multiply a byte, took a fifth of the load
/// of a 9 MB model); files of format 3 still read.
extension ClassifierModel {
  /// The model's bytes; the same model always gives the same bytes.
  public func serialized() -> [UInt8] {
    var payload: [UInt8] = []
    for name in features {
      payload += Array(name.utf8)
      payload.append(0x0A)
    }
    for part in [FusedWeights.Part.categoryFirst, .categorySecond, .stanceFirst, .stance] {
      let model = linear(part)
      payload.reserveCapacity(payload.count + model.weights.count * 4)
      for weight in model.weights {
        let bits = weight.bitPattern.littleEndian
        payload += [
          UInt8(bits & 0xFF), UInt8((bits >> 8) & 0xFF), UInt8((bits >> 16) & 0xFF),
          UInt8(bits >> 24),
        ]
      }
    }
    var header = "\(Self.magic) \(Self.formatVersion)\n"
    for line in info { header += "info \(line.replacingNewlinesWithSpaces)\n" }
    header += "features \(features.count)\n"
    header += "category \(categoryLabels.joined(separator: " "))\n"
    header += "stance \(stanceLabels.joined(separator: " "))\n"
    header += "checksum \(Self.checksum(payload))\n\n"
    return Array(header.utf8) + payload
  }

  /// Reads a model file's bytes.
  ///
  /// - Throws: `PipelineError.invalidConfiguration` naming `file` when the bytes are not a
  ///   model of this format version, or are damaged (checksum, sizes, labels).
  public convenience init(bytes: [UInt8], file: String) throws(PipelineError) {
    func fail(_ why: String) -> PipelineError { .invalidConfiguration("\(file): \(why)") }
    // The header: lines up to the first blank one.
    var lines: [String] = []
    var position = 0
    var lineStart = 0
    while position < bytes.count {
      if bytes[position] == 0x0A {
        if position == lineStart {
          position += 1
          break
        }
        lines.append(String(decoding: bytes[lineStart..<position], as: UTF8.self))
        lineStart = position + 1
        if lines.count > 10_000 { throw fail("not a prensa classifier model (no end of header)") }
      }
      position += 1
    }
    guard let first = lines.first, first.hasPrefix(Self.magic + " ") else {
      throw fail("not a prensa classifier model")
    }
    let version = Int(first.dropFirst(Self.magic.count + 1))
    guard let version, version == Self.formatVersion || version == 3 else {
      throw fail(
        "model format \(first.dropFirst(Self.magic.count + 1)) is not one this prensa reads (3 or \(Self.formatVersion)): retrain it with `prensa train classify`"
      )
    }
    var info: [String] = []
    var count: Int?
    var categoryLabels: [String] = []
    var stanceLabels: [String] = []
    var checksum: String?
    for line in lines.dropFirst() {
      let (key, value) = line.splitOnce(" ")
      switch key {
      // As the writer writes it: a carriage return in an info line is a space (else a model read
      // and written again would differ from itself: found by fuzz-model).
      case "info": info.append(value.replacingNewlinesWithSpaces)
      case "features": count = Int(value)
      case "category": categoryLabels = value.split(separator: " ").map(String.init)
      case "stance": stanceLabels = value.split(separator: " ").map(String.init)
      case "checksum": checksum = value
      default: throw fail("unknown header line '\(key)'")
      }
    }
    guard let count, count >= 0, !categoryLabels.isEmpty, !stanceLabels.isEmpty, let checksum else {
      throw fail("damaged header (features, category, stance and checksum are required)")
    }
    // The rest of the file, read in place (a copy of megabytes of weights cost a tenth of the
    // load).
    let payload = bytes[min(position, bytes.count)...]
    let computed = version == 3 ? Self.byteChecksum(payload) : Self.checksum(payload)
    guard computed == checksum else { throw fail("damaged (checksum mismatch)") }
    // Every name ends in a newline and every weight takes four bytes: a count the payload cannot
    // hold is damage (and is refused before any size is computed from it).
    let labelCount = 2 * categoryLabels.count + 2 * stanceLabels.count
    guard count <= payload.count, labelCount <= payload.count,
      (count + 1) * labelCount <= payload.count / 4 + 1
    else {
      throw fail("damaged (the header's sizes do not fit the file)")
    }
    var names: [String] = []
    names.reserveCapacity(count)
    var p = payload.startIndex
    while names.count < count {
      var end = p
      while end < payload.endIndex && payload[end] != 0x0A { end += 1 }
      guard end < payload.endIndex else {
        throw fail("damaged (fewer feature names than the header says)")
      }
      names.append(String(decoding: payload[p..<end], as: UTF8.self))
      p = end + 1
    }
    // The four matrices are read straight into the fused rows the classify stage reads (no
    // matrix of its own first: a copy of every weight, a tenth of the load).
    var regions: [Range<Int>] = []
    // In the file: category first, category second, stance first, stance.
    for labels in [categoryLabels, categoryLabels, stanceLabels, stanceLabels] {
      let n = (count + 1) * labels.count
      guard p + n * 4 <= payload.endIndex else { throw fail("damaged (weights cut short)") }
      regions.append((p - payload.startIndex)..<(p - payload.startIndex + n * 4))
      p += n * 4
    }
    guard p == payload.endIndex else {
      throw fail("damaged (\(payload.endIndex - p) bytes after the weights)")
    }
    let fused = payload.withUnsafeBytes { source in
      FusedWeights(
        categoryCount: categoryLabels.count, stanceCount: stanceLabels.count, featureCount: count,
        matrices: [regions[0], regions[2], regions[1], regions[3]].map {
          UnsafeRawBufferPointer(rebasing: source[$0])
        }, littleEndian: true)
    }
    // A weight that is not a number (or is infinite) would make every probability it touches
    // one: damage the checksum can miss (found by fuzz-model: a forged checksum over a NaN).
    if let row = fused.firstRowNotFinite() {
      throw fail(
        "damaged (a weight of \(row < count ? "feature '\(names[row])'" : "the biases") is not a finite number)"
      )
    }
    self.init(
      features: names, fused: fused, categoryLabels: categoryLabels, stanceLabels: stanceLabels,
      info: info)
  }

  /// The payload's checksum (format 4), as 16 hex digits: over little-endian 8-byte words, each
  /// mixed in with a multiply and a shift, then the last bytes one by one and the length. It
  /// guards against damage, not an adversary.
  static func checksum(_ bytes: [UInt8]) -> String { checksum(bytes[...]) }

  static func checksum(_ bytes: ArraySlice<UInt8>) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    bytes.withUnsafeBufferPointer { buffer in
      let words = buffer.count / 8
      let raw = UnsafeRawBufferPointer(buffer)
      for i in 0..<words {
        let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))
        hash = (hash ^ word) &* 0x9E37_79B9_7F4A_7C15
        hash ^= hash >> 32
      }
      hash = fnv1a(UnsafeBufferPointer(rebasing: buffer[(words * 8)...]), from: hash)
    }
    hash = (hash ^ UInt64(bytes.count)) &* 0x9E37_79B9_7F4A_7C15
    return hex(hash ^ (hash >> 29))
  }

  /// The checksum of format 3: FNV-1a over the bytes, 64 bits, as 16 hex digits.
  static func byteChecksum(_ bytes: ArraySlice<UInt8>) -> String {
    hex(bytes.withUnsafeBufferPointer { fnv1a($0) })
  }

  private static func hex(_ value: UInt64) -> String {
    let hex = String(value, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }
}

extension String {
  var replacingNewlinesWithSpaces: String {
    String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\n" || $0 == "\r" ? " " : $0 }))
  }

  /// The text before the first `separator` and the rest after it (all and "" when absent).
  func splitOnce(_ separator: Character) -> (String, String) {
    guard let i = firstIndex(of: separator) else { return (self, "") }
    return (String(self[..<i]), String(self[index(after: i)...]))
  }
}
