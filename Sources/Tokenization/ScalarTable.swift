/// A byte-sized property of every character (a break class), read once from `compute` for
/// U+0000–U+07FF (Latin, Greek, Cyrillic, ...) and U+2000–U+21FF (general punctuation, currency
/// signs, letterlike symbols) and kept for the life of the process; other characters are asked
/// of `compute` one at a time. The segmenters read one per character of every text.
struct ScalarTable: @unchecked Sendable {
  // Written once as the table is made, only read after: safe to share between threads.
  private let table: UnsafePointer<UInt8>
  private let compute: @Sendable (UInt32) -> UInt8

  init(_ compute: @escaping @Sendable (UInt32) -> UInt8) {
    let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 0xA00)
    for value in 0..<0x800 { table[value] = compute(UInt32(value)) }
    for value in 0x2000..<0x2200 { table[0x800 + value - 0x2000] = compute(UInt32(value)) }
    self.table = UnsafePointer(table)
    self.compute = compute
  }

  @inline(__always) subscript(_ value: UInt32) -> UInt8 {
    if value < 0x800 { return table[Int(value)] }
    if value &- 0x2000 < 0x200 { return table[0x800 + Int(value &- 0x2000)] }
    return compute(value)
  }
}
