/// A hand-written JSON serializer into a byte buffer: the hot path of every stage.
///
/// Output is canonical: object keys are written in sorted (byte) order, strings escape exactly
/// what JSON requires (`"`, `\`, control characters) and keep every other character as raw UTF-8.
public struct JSONWriter: Sendable {
  /// The bytes written, but for the last few: an array's `append` costs some ninety instructions
  /// however short, so short writes gather in `pending`, a fixed buffer inside the writer, and
  /// reach the array up to `pendingSize` bytes at a time.
  private var flushed: [UInt8] = []
  private var pending = InlineArray<512, UInt8>(repeating: 0)
  private var pendingCount = 0
  static let pendingSize = 512

  public init(capacity: Int = 1 << 16) { flushed.reserveCapacity(capacity) }

  /// Everything written. Reading or changing it moves the pending bytes into the array first.
  public var bytes: [UInt8] {
    mutating get {
      flush()
      return flushed
    }
    _modify {
      flush()
      yield &flushed
    }
    set {
      pendingCount = 0
      flushed = newValue
    }
  }

  /// The number of bytes written.
  public var count: Int { flushed.count + pendingCount }

  /// Empties the writer, keeping its capacity.
  public mutating func removeAll() {
    pendingCount = 0
    flushed.removeAll(keepingCapacity: true)
  }

  @inline(__always) private mutating func flush() {
    guard pendingCount > 0 else { return }
    let n = pendingCount
    pendingCount = 0
    withUnsafeBytes(of: &pending) { buffer in
      flushed.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[..<n]))
    }
  }

  @inline(__always) public mutating func raw(_ byte: UInt8) {
    if pendingCount == Self.pendingSize { flush() }
    pending[pendingCount] = byte
    pendingCount += 1
  }

  /// Appends `count` bytes from `source`.
  @inline(__always) public mutating func append(_ source: UnsafeRawPointer, count n: Int) {
    if n > Self.pendingSize - pendingCount {
      flush()
      if n > Self.pendingSize / 2 {
        flushed.append(contentsOf: UnsafeRawBufferPointer(start: source, count: n))
        return
      }
    }
    let at = pendingCount
    withUnsafeMutableBytes(of: &pending) { buffer in
      UnsafeMutableRawBufferPointer(rebasing: buffer[at..<(at + n)])
        .copyMemory(from: UnsafeRawBufferPointer(start: source, count: n))
    }
    pendingCount += n
  }

  @inline(__always) public mutating func append(_ source: UnsafeBufferPointer<UInt8>) {
    guard let base = source.baseAddress else { return }
    append(base, count: source.count)
  }

  public mutating func append(_ source: [UInt8]) {
    source.withUnsafeBufferPointer { append($0) }
  }

  public mutating func append(_ text: String) {
    var text = text
    text.withUTF8 { append($0) }
  }

  @inline(__always) public mutating func raw(_ text: StaticString) {
    append(text.utf8Start, count: text.utf8CodeUnitCount)
  }

  public mutating func string(_ value: String) {
    var value = value
    value.withUTF8 { utf8 in
      if !copyPlain(utf8) { escaped(utf8) }
    }
  }

  /// Writes `utf8` quoted straight into the pending bytes in one pass when it fits there and
  /// needs no escape; false (nothing written) otherwise.
  @inline(__always) private mutating func copyPlain(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
    let n = utf8.count
    guard n + 2 <= Self.pendingSize, let source = utf8.baseAddress else { return false }
    if n + 2 > Self.pendingSize - pendingCount { flush() }
    let at = pendingCount
    let plain = withUnsafeMutableBytes(of: &pending) { buffer -> Bool in
      guard let base = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
        return false
      }
      let out = base + at
      out[0] = UInt8(ascii: "\"")
      for i in 0..<n {
        let b = source[i]
        if b < 0x20 || b == 0x22 || b == 0x5C { return false }
        out[i + 1] = b
      }
      out[n + 1] = UInt8(ascii: "\"")
      return true
    }
    if plain { pendingCount += n + 2 }
    return plain
  }

  /// Writes `utf8` quoted, escaping what JSON requires.
  private mutating func escaped(_ utf8: UnsafeBufferPointer<UInt8>) {
    raw(UInt8(ascii: "\""))
    var runStart = 0
    for i in 0..<utf8.count {
      let b = utf8[i]
      guard b < 0x20 || b == 0x22 || b == 0x5C else { continue }
      if runStart < i {
        append(UnsafeBufferPointer(rebasing: utf8[runStart..<i]))
      }
      switch b {
      case 0x22: raw("\\\"")
      case 0x5C: raw("\\\\")
      case 0x0A: raw("\\n")
      case 0x0D: raw("\\r")
      case 0x09: raw("\\t")
      case 0x08: raw("\\b")
      case 0x0C: raw("\\f")
      default:
        raw("\\u00")
        raw(hexDigit(b >> 4))
        raw(hexDigit(b & 0xF))
      }
      runStart = i + 1
    }
    if runStart < utf8.count {
      append(UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
    }
    raw(UInt8(ascii: "\""))
  }

  public mutating func int(_ value: Int) {
    if value >= 0 && value < 10 {
      raw(UInt8(ascii: "0") + UInt8(value))
      return
    }
    compose(capacity: 20) { $0.int(value) }
  }

  /// Writes up to `capacity` bytes through `Composer`, straight into the pending bytes when they
  /// have room (a token's whole object is written with no bounds check per member and digit).
  @inline(__always) public mutating func compose(
    capacity: Int, _ body: (inout Composer) -> Void
  ) {
    if capacity <= Self.pendingSize {
      if capacity > Self.pendingSize - pendingCount { flush() }
      let at = pendingCount
      let written = withUnsafeMutableBytes(of: &pending) { buffer -> Int in
        guard let base = buffer.baseAddress else { return 0 }
        var composer = Composer(
          start: base.assumingMemoryBound(to: UInt8.self) + at, capacity: capacity)
        body(&composer)
        return composer.count
      }
      pendingCount += written
      return
    }
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
      guard let start = buffer.baseAddress else { return }
      var composer = Composer(start: start, capacity: capacity)
      body(&composer)
      append(start, count: composer.count)
    }
  }

  /// Bytes written to a fixed buffer (`compose`); the caller's capacity bounds what it writes.
  public struct Composer {
    let start: UnsafeMutablePointer<UInt8>
    let capacity: Int
    public private(set) var count = 0

    init(start: UnsafeMutablePointer<UInt8>, capacity: Int) {
      self.start = start
      self.capacity = capacity
    }

    @inline(__always) public mutating func raw(_ byte: UInt8) {
      precondition(count < capacity)
      start[count] = byte
      count += 1
    }

    @inline(__always) public mutating func raw(_ text: StaticString) {
      let n = text.utf8CodeUnitCount
      precondition(count + n <= capacity)
      (start + count).update(from: text.utf8Start, count: n)
      count += n
    }

    public mutating func int(_ value: Int) {
      precondition(count + 20 <= capacity)
      if value < 0 {
        start[count] = UInt8(ascii: "-")
        count += 1
      }
      var v = value.magnitude
      // Digits from the right, then reversed in place.
      let first = count
      repeat {
        start[count] = UInt8(ascii: "0") + UInt8(v % 10)
        v /= 10
        count += 1
      } while v > 0
      var (i, j) = (first, count - 1)
      while i < j {
        (start[i], start[j]) = (start[j], start[i])
        i += 1
        j -= 1
      }
    }
  }

  /// A double in Swift's shortest round-trip form (`String(value)`). Values of at most three
  /// decimals (probabilities, weights and confidences, rounded so) are written digit by digit:
  /// for them that form is the decimal itself, trailing zeros dropped (`0.5`, `2.0`, `-0.125`).
  public mutating func double(_ value: Double) {
    guard value.isFinite else { return raw("null") }
    let scaled = (value * 1000).rounded()
    guard value.magnitude < 1e12, Double(Int(scaled)) / 1000 == value,
      value != 0 || value.sign == .plus
    else { return append(String(value)) }
    let n = Int(scaled)
    if n < 0 { raw(UInt8(ascii: "-")) }
    int(Int(n.magnitude / 1000))
    raw(UInt8(ascii: "."))
    var fraction = Int(n.magnitude % 1000)
    if fraction == 0 { return raw(UInt8(ascii: "0")) }
    var unit = 100
    while fraction > 0 {
      raw(UInt8(ascii: "0") + UInt8(fraction / unit))
      fraction %= unit
      unit /= 10
    }
  }

  public mutating func bool(_ value: Bool) { value ? raw("true") : raw("false") }

  /// Writes `"key":` (the key must need no escaping beyond what `string` does).
  public mutating func key(_ key: StaticString) {
    raw(UInt8(ascii: "\""))
    raw(key)
    raw("\":")
  }

  /// Writes any value; object members in sorted key order.
  public mutating func value(_ value: JSONValue) {
    switch value {
    case .null: raw("null")
    case .bool(let b): bool(b)
    case .number(let text): append(text)
    case .serialized(let text): append(text)
    case .string(let s): string(s)
    case .array(let elements):
      raw(UInt8(ascii: "["))
      for (i, element) in elements.enumerated() {
        if i > 0 { raw(UInt8(ascii: ",")) }
        self.value(element)
      }
      raw(UInt8(ascii: "]"))
    case .object(let object):
      raw(UInt8(ascii: "{"))
      for (i, member) in object.membersInKeyOrder.enumerated() {
        if i > 0 { raw(UInt8(ascii: ",")) }
        string(member.key)
        raw(UInt8(ascii: ":"))
        self.value(member.value)
      }
      raw(UInt8(ascii: "}"))
    }
  }

  @inline(__always) private func hexDigit(_ nibble: UInt8) -> UInt8 {
    nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
  }
}

/// Types that write themselves as one JSON value.
public protocol JSONWritable {
  func write(to writer: inout JSONWriter)
}

extension JSONWriter {
  public mutating func value<T: JSONWritable>(_ value: T) { value.write(to: &self) }

  /// The bytes a writer holds before `drain` gets them, while a record is written.
  public static let drainSize = 1 << 20

  /// `values` as a JSON array; with `drain`, the bytes are handed on whenever `drainSize` have
  /// gathered.
  public mutating func array<T: JSONWritable>(
    _ values: [T], drain: ((inout JSONWriter) -> Void)? = nil
  ) {
    raw(UInt8(ascii: "["))
    for (i, element) in values.enumerated() {
      if i > 0 { raw(UInt8(ascii: ",")) }
      element.write(to: &self)
      if let drain, count >= Self.drainSize { drain(&self) }
    }
    raw(UInt8(ascii: "]"))
  }
}
