import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

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
  /// One thread's table.
  public final class Table {
    /// Held strongly, so its address cannot be reused by other data while the table is alive.
    fileprivate var owner: AnyObject?
    public var entries: [String: Value] = [:]
    @usableFromInline let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// The value for `key`, computed by `make` on a miss.
    @inlinable public func value(_ key: String, _ make: () -> Value) -> Value {
      if let known = entries[key] { return known }
      if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
      let value = make()
      entries[key] = value
      return value
    }
  }

  private var key = pthread_key_t()
  private let capacity: Int

  /// A cache whose tables hold at most `capacity` entries each.
  public init(capacity: Int = 200_000) {
    self.capacity = capacity
    // The destructor releases a finished thread's table.
    pthread_key_create(&key) { pointer in
      guard let pointer else { return }
      Unmanaged<AnyObject>.fromOpaque(pointer).release()
    }
  }

  /// The calling thread's table for `owner`.
  public func table(for owner: AnyObject) -> Table {
    let table: Table
    if let pointer = pthread_getspecific(key) {
      table = Unmanaged<Table>.fromOpaque(pointer).takeUnretainedValue()
    } else {
      table = Table(capacity: capacity)
      pthread_setspecific(key, Unmanaged.passRetained(table as AnyObject).toOpaque())
    }
    if table.owner !== owner {
      table.entries.removeAll()
      table.owner = owner
    }
    return table
  }
}

/// An identity for stage data, for `ThreadCache` owners: stage values are structs, so they carry
/// one of these, made when their data is loaded.
public final class CacheOwner: Sendable {
  public init() {}
}

/// `body(0..<count)` on all cores, results in index order. For independent, similar-sized work
/// items (pieces of a file, chunks of a list).
public func parallelMap<T>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
  var slots = [T?](repeating: nil, count: count)
  slots.withUnsafeMutableBufferPointer { buffer in
    nonisolated(unsafe) let output = buffer
    DispatchQueue.concurrentPerform(iterations: count) { index in output[index] = body(index) }
  }
  return slots.compactMap { $0 }
}
