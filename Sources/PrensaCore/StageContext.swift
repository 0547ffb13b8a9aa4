import CMemory

/// What the stages of one worker share while it processes documents one at a time.
///
/// A runner makes one context per worker (one per job in `prensa run`, one per process in the
/// piped stages) and hands it to every stage with every document. The context holds the
/// worker's word table: every distinct token form met so far, numbered from 0. A stage derives
/// its facts about a word (matching key, lexicon flags, stems, cue candidates) once per worker
/// rather than once per document, keeps them by the word's number (`facts(for:_:)`), and a
/// later stage finds the same word by number instead of hashing it again.
///
/// What the context knows about a document's tokens (`entries(_:)`) is keyed by the document's
/// text and tokens, compared in full: a stage never reads the words of another text, whatever
/// changed in between. A context is not thread-safe; one worker uses it at a time.
public final class StageContext {
  /// The number of distinct words kept: a table that holds more when a new document starts is
  /// emptied (with every stage's facts), which keeps memory flat on any input.
  public let capacity: Int
  @usableFromInline let table = WordTable()
  private var factTables: [ObjectIdentifier: AnyFactTable] = [:]
  /// The document the last `entries` answered for, and the answer.
  private var bound: (text: String, tokens: [Token], entries: [Int32])?

  public init(capacity: Int = 200_000) {
    self.capacity = capacity
  }

  /// The number of distinct words in the table.
  public var count: Int { table.count }

  /// Each token's word number for `document` (empty without tokens): computed once per text and
  /// tokens, so the stages after tokenize share one lookup per token.
  public func entries(_ document: inout Document) -> [Int32] {
    guard let tokens = document.tokens else { return [] }
    if let bound, bound.tokens == tokens, bound.text == document.text { return bound.entries }
    if table.count >= capacity { removeAll() }
    let s = document.scalars()
    let entries = table.entries(s, tokens)
    bound = (document.text, tokens, entries)
    return entries
  }

  /// The number of the word `s[range]` (a part of a compound, say), added when new.
  @inlinable public func entry(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Int32 {
    table.entry(s, range)
  }

  /// The facts about words kept by `owner` (stage data: its lexicons, its model), made empty on
  /// first use. The owner is held as long as the context keeps the table, so its identity cannot
  /// pass to other data.
  public func facts<Value>(for owner: AnyObject, _ type: Value.Type) -> WordFacts<Value> {
    let key = ObjectIdentifier(owner)
    // The value type is compared by identity: a dynamic cast was most of this call, made by
    // every stage for every record.
    if let table = factTables[key], table.valueType == ObjectIdentifier(Value.self) {
      return unsafeDowncast(table, to: WordFacts<Value>.self)
    }
    let table = WordFacts<Value>(owner: owner)
    factTables[key] = table
    return table
  }

  private func removeAll() {
    table.removeAll()
    for facts in factTables.values { facts.removeAll() }
    bound = nil
  }
}

/// What one owner knows about the words of a context's table, by word number. Public, not
/// `package`, for speed: an `@inlinable package` method was not specialised in the stages'
/// modules, and the generic call cost tag and classify 20-30 % (measured).
public final class WordFacts<Value>: AnyFactTable {
  /// Unchecked exclusivity: a table belongs to one context, a context to one thread at a time,
  /// and the runtime's checks were a tenth of a lookup.
  @exclusivity(unchecked) @usableFromInline var values: [Value?] = []

  init(owner: AnyObject) { super.init(owner, valueType: Value.self) }

  /// The facts about word `entry`, made by `make` the first time.
  @inlinable public func value(_ entry: Int32, _ make: () -> Value) -> Value {
    let index = Int(entry)
    if index < values.count, let value = values[index] { return value }
    let value = make()
    if index >= values.count {
      values.append(contentsOf: repeatElement(nil, count: index + 1 - values.count))
    }
    values[index] = value
    return value
  }

  /// The object of facts about word `entry`, made by `make` the first time, not retained: the
  /// table keeps it until the context is emptied (before a document starts), so a caller may
  /// hold it for the rest of the document. A retain touched the object (cold, among a
  /// worker's hundred thousand words) with an atomic write, once per token.
  @inlinable public func unretained(_ entry: Int32, _ make: () -> Value) -> Unmanaged<Value>
  where Value: AnyObject {
    let index = Int(entry)
    if index < values.count {
      let found = values.withUnsafeBufferPointer { buffer -> Unmanaged<Value>? in
        guard let value = buffer[index] else { return nil }
        return Unmanaged.passUnretained(value)
      }
      if let found { return found }
    }
    return Unmanaged.passUnretained(value(entry, make))
  }

  /// Asks for the facts of each of `entries` to be brought into cache, without waiting for them:
  /// for a caller about to look up every word of a sentence, so that the lookups' reads of a
  /// table of hundreds of thousands of words overlap instead of waiting on memory one by one.
  @inlinable public func prefetch(_ entries: ArraySlice<Int32>) {
    values.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      for entry in entries where Int(entry) < buffer.count { prensa_prefetch(base + Int(entry)) }
    }
  }

  /// The facts about word `entry` when they have been made.
  @inlinable public func known(_ entry: Int32) -> Value? {
    let index = Int(entry)
    return index < values.count ? values[index] : nil
  }

  override func removeAll() { values.removeAll(keepingCapacity: true) }
}

/// A fact table of any value type, so a context can empty them all.
public class AnyFactTable {
  /// Held strongly: see `StageContext.facts(for:_:)`.
  let owner: AnyObject
  /// The type of the facts (`WordFacts<Value>`'s `Value`).
  let valueType: ObjectIdentifier

  init(_ owner: AnyObject, valueType: Any.Type) {
    self.owner = owner
    self.valueType = ObjectIdentifier(valueType)
  }

  func removeAll() {}
}

/// An identity for stage data that owns facts in a `StageContext`: stage values are structs, so
/// they carry one of these, made when their data is loaded.
public final class CacheOwner: Sendable {
  public init() {}
}

/// Words numbered by their scalars: an open-addressing hash table keyed by runs of scalars, so a
/// lookup builds no `String` and hashes with FNV-1a instead of SipHash over normalized text.
///
/// A table belongs to one context, and a context to one thread at a time: its stored properties
/// skip the runtime's exclusivity checks (two per lookup were a third of a lookup's cost).
@usableFromInline final class WordTable {
  /// Per slot, the key hash's high half and the key's place in `arena` + 1 (0 = empty); the slot
  /// count is a power of two.
  @exclusivity(unchecked) @usableFromInline var slots = [UInt64](repeating: 0, count: 1024)
  /// Per key, back to back: its length, its number, then its scalars. A lookup reads one slot
  /// and one run of the arena.
  @exclusivity(unchecked) @usableFromInline var arena: [UInt32] = []
  @exclusivity(unchecked) @usableFromInline var count = 0

  init() {}

  /// The number of the scalars `s[range]`, added when new.
  @inlinable func entry(_ s: [Unicode.Scalar], _ range: Range<Int>) -> Int32 {
    entry(hash: Self.hash(s, range), s, range)
  }

  /// The same, given the hash of `s[range]`.
  @inlinable func entry(hash: UInt64, _ s: [Unicode.Scalar], _ range: Range<Int>) -> Int32 {
    // Locals: one exclusivity check per lookup instead of one per array access.
    let slots = self.slots
    let arena = self.arena
    let mask = slots.count - 1
    let tag = UInt32(truncatingIfNeeded: hash >> 32)
    var slot = Int(truncatingIfNeeded: hash) & mask
    while slots[slot] != 0 {
      let packed = slots[slot]
      // The slot holds the hash's high half beside the key's place, so a miss reads nothing else.
      if UInt32(truncatingIfNeeded: packed >> 32) == tag {
        let place = Int(UInt32(truncatingIfNeeded: packed)) - 1
        if Int(arena[place]) == range.count {
          var same = true
          var a = place + 2
          for i in range {
            if arena[a] != s[i].value {
              same = false
              break
            }
            a += 1
          }
          if same { return Int32(bitPattern: arena[place + 1]) }
        }
      }
      slot = (slot + 1) & mask
    }
    return insert(hash: hash, s[range])
  }

  /// The number of every token's scalars, in order, new ones added.
  ///
  /// The table is larger than the processor's nearer caches, so a lookup's reads of its slot and
  /// of its key usually wait on memory. Tokens go a chunk at a time: every token's hash is
  /// computed and its slot asked for (`prensa_prefetch`, no wait), then each slot read and its
  /// key asked for, then the lookups made, which find both in cache, or on their way. (A
  /// pipeline that asked for the keys of one chunk while hashing the next was no faster: a
  /// record of one paragraph has one or two chunks.)
  func entries(_ s: [Unicode.Scalar], _ tokens: [Token]) -> [Int32] {
    let chunk = 64
    var entries: [Int32] = []
    entries.reserveCapacity(tokens.count)
    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: min(chunk, tokens.count)) { hashes in
      var start = 0
      while start < tokens.count {
        let end = min(start + chunk, tokens.count)
        for t in start..<end { hashes[t - start] = Self.hash(s, tokens[t].start..<tokens[t].end) }
        slots.withUnsafeBufferPointer { slots in
          guard let slotBase = slots.baseAddress else { return }
          let mask = slots.count - 1
          for t in start..<end {
            prensa_prefetch(slotBase + (Int(truncatingIfNeeded: hashes[t - start]) & mask))
          }
          arena.withUnsafeBufferPointer { arena in
            guard let arenaBase = arena.baseAddress else { return }
            for t in start..<end {
              let packed = slots[Int(truncatingIfNeeded: hashes[t - start]) & mask]
              if packed != 0 {
                prensa_prefetch(arenaBase + Int(UInt32(truncatingIfNeeded: packed)) - 1)
              }
            }
          }
        }
        // Looked up after both passes: a new word may grow the table (new slots and arena).
        for t in start..<end {
          entries.append(entry(hash: hashes[t - start], s, tokens[t].start..<tokens[t].end))
        }
        start = end
      }
    }
    return entries
  }

  /// FNV-1a over the scalars of `s[range]`.
  @inlinable static func hash(_ s: [Unicode.Scalar], _ range: Range<Int>) -> UInt64 {
    var hash = fnvBasis
    for i in range { hash = fnv(hash, s[i].value) }
    return hash
  }

  @inlinable static var fnvBasis: UInt64 { 0xcbf2_9ce4_8422_2325 }

  /// One FNV-1a step: a key's hash is the same whether read from text or from the arena.
  @inlinable static func fnv(_ hash: UInt64, _ value: UInt32) -> UInt64 {
    (hash ^ UInt64(value)) &* 0x100_0000_01b3
  }

  @usableFromInline func insert(hash: UInt64, _ key: ArraySlice<Unicode.Scalar>) -> Int32 {
    if (count + 1) * 2 > slots.count { rehash(slots.count * 2) }
    let place = arena.count
    let number = count
    arena.append(UInt32(key.count))
    arena.append(UInt32(number))
    for scalar in key { arena.append(scalar.value) }
    count += 1
    self.place(place, hash: hash)
    return Int32(number)
  }

  /// Puts the key at `place` in `arena` into a free slot.
  private func place(_ place: Int, hash: UInt64) {
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while slots[slot] != 0 { slot = (slot + 1) & mask }
    slots[slot] = (hash >> 32) << 32 | UInt64(place + 1)
  }

  /// Slots for every key, read back from the arena (each key's hash is computed again).
  private func rehash(_ size: Int) {
    slots = [UInt64](repeating: 0, count: size)
    var place = 0
    while place < arena.count {
      let length = Int(arena[place])
      var hash = Self.fnvBasis
      for a in (place + 2)..<(place + 2 + length) { hash = Self.fnv(hash, arena[a]) }
      self.place(place, hash: hash)
      place += 2 + length
    }
  }

  func removeAll() {
    slots = [UInt64](repeating: 0, count: 1024)
    arena.removeAll()
    count = 0
  }
}
