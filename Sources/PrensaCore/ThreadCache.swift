import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The source of `ThreadCache.Table.stamp`s: unique in the process, so a stamp names one table
/// in one state even after the table is emptied or freed.
private let stamps = Atomic<Int>(0)

private func nextStamp() -> Int { stamps.add(1, ordering: .relaxed).newValue }

/// One object per thread, made on first use and released when the thread ends.
final class ThreadLocal<Object: AnyObject>: @unchecked Sendable {
  private var key = pthread_key_t()
  private let make: @Sendable () -> Object

  init(_ make: @escaping @Sendable () -> Object) {
    self.make = make
    pthread_key_create(&key) { pointer in
      guard let pointer else { return }
      Unmanaged<AnyObject>.fromOpaque(pointer).release()
    }
  }

  var value: Object {
    if let pointer = pthread_getspecific(key) {
      return Unmanaged<Object>.fromOpaque(pointer).takeUnretainedValue()
    }
    let object = make()
    pthread_setspecific(key, Unmanaged.passRetained(object as AnyObject).toOpaque())
    return object
  }
}

/// A memo that lives as long as its thread and is shared by every document that thread
/// processes: words repeat across a corpus far more than within one article, so a stage that
/// derives something from each word (a matching key, stems, cue candidates) computes it once per
/// thread instead of once per document.
///
/// Each thread has its own table, so workers never wait on each other. A table belongs to one
/// `owner` (the stage data it was computed from); asking with another owner starts a fresh table,
/// so two stages with different data never see each other's entries. A table that reaches
/// `capacity` entries is emptied, which keeps memory flat on any input size.
public final class ThreadCache<Value>: @unchecked Sendable {
  /// One thread's table: an open-addressing hash table keyed by runs of scalars, so a lookup
  /// builds no `String` and hashes with FNV-1a instead of SipHash over normalized text.
  public final class Table {
    /// Held strongly, so its address cannot be reused by other data while the table is alive.
    fileprivate var owner: AnyObject?
    /// Per slot, the key hash's high half and the key's place in `arena` + 1 (0 = empty); the
    /// slot count is a power of two.
    @usableFromInline var slots: [UInt64]
    /// Per key, back to back: its length, its entry's index in `values`, then its scalars. A
    /// lookup reads one slot, one run of the arena and one value: three cache lines, which is
    /// what a lookup costs on a large table.
    @usableFromInline var arena: [UInt32] = []
    @usableFromInline var values: [Value] = []
    @usableFromInline let capacity: Int
    /// Names this table in its current state: a new stamp whenever the table is emptied, so an
    /// entry number taken under one stamp is valid exactly while the stamp is unchanged.
    public private(set) var stamp = nextStamp()

    init(capacity: Int) {
      self.capacity = capacity
      slots = [UInt64](repeating: 0, count: 1024)
    }

    /// The number of keys held.
    public var count: Int { values.count }

    /// The value for the scalars `s[range]`, computed by `make` on a miss.
    @inlinable public func value(_ s: [Unicode.Scalar], _ range: Range<Int>, _ make: () -> Value)
      -> Value
    {
      entry(s, range, make).value
    }

    /// The value for the scalars `s[range]` and its entry number (dense, from 0, valid while
    /// `stamp` is unchanged), computed by `make` on a miss.
    @inlinable public func entry(_ s: [Unicode.Scalar], _ range: Range<Int>, _ make: () -> Value)
      -> (value: Value, entry: Int32)
    {
      let hash = Self.hash(s, range)
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
            if same {
              let entry = arena[place + 1]
              return (values[Int(entry)], Int32(bitPattern: entry))
            }
          }
        }
        slot = (slot + 1) & mask
      }
      let value = make()
      insert(hash: hash, s[range], value)
      return (value, Int32(values.count - 1))
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

    /// Touches the slots, keys and values that looking up every token of `tokens` will read, with
    /// no dependency between one token and the next, so the processor fetches them from memory in
    /// parallel; the lookups that follow then find them in cache. Returns a number only so the
    /// reads are not optimised away.
    @inlinable @discardableResult public func warm(_ s: [Unicode.Scalar], _ tokens: [Token])
      -> UInt32
    {
      let slots = self.slots
      let arena = self.arena
      let mask = slots.count - 1
      var touched: UInt32 = 0
      for token in tokens {
        let hash = Self.hash(s, token.start..<token.end)
        let packed = slots[Int(truncatingIfNeeded: hash) & mask]
        if packed != 0 { touched &+= arena[Int(UInt32(truncatingIfNeeded: packed)) - 1] }
      }
      return touched
    }

    @usableFromInline func insert(hash: UInt64, _ key: ArraySlice<Unicode.Scalar>, _ value: Value) {
      if values.count >= capacity { removeAll() }
      if (values.count + 1) * 2 > slots.count { rehash(slots.count * 2) }
      let place = arena.count
      arena.append(UInt32(key.count))
      arena.append(UInt32(values.count))
      for scalar in key { arena.append(scalar.value) }
      values.append(value)
      self.place(place, hash: hash)
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

    fileprivate func removeAll() {
      stamp = nextStamp()
      slots = [UInt64](repeating: 0, count: 1024)
      arena.removeAll()
      values.removeAll()
    }
  }

  private let tables: ThreadLocal<Table>

  /// A cache whose tables hold at most `capacity` entries each.
  public init(capacity: Int = 200_000) {
    tables = ThreadLocal { Table(capacity: capacity) }
  }

  /// The calling thread's table for `owner`.
  public func table(for owner: AnyObject) -> Table {
    let table = tables.value
    if table.owner !== owner {
      table.removeAll()
      table.owner = owner
    }
    return table
  }
}

/// Per-thread facts about the entries of another stage's `ThreadCache` table: a stage that runs
/// after the one that filled the table looks a word up by its entry number (an array index)
/// instead of hashing the word again.
public final class ThreadAnnex<Value>: @unchecked Sendable {
  public final class Table {
    fileprivate var owner: AnyObject?
    fileprivate var stamp = -1
    @usableFromInline var values: [Value?] = []

    /// The value for `entry`, computed by `make` the first time.
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
  }

  private let tables = ThreadLocal { Table() }

  public init() {}

  /// The calling thread's annex for `owner`'s facts about the table stamped `stamp`.
  public func table(for owner: AnyObject, stamp: Int) -> Table {
    let table = tables.value
    if table.owner !== owner || table.stamp != stamp {
      table.values.removeAll(keepingCapacity: true)
      table.owner = owner
      table.stamp = stamp
    }
    return table
  }
}

/// An identity for stage data, for `ThreadCache` owners: stage values are structs, so they carry
/// one of these, made when their data is loaded.
public final class CacheOwner: Sendable {
  public init() {}
}
