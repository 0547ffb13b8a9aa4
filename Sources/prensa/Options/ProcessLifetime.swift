/// What a command keeps until the process exits, without freeing it.
///
/// A run's largest structures (the lexicon's tables, the model, each worker's word facts) are
/// made of hundreds of thousands of small objects. Freeing them one at a time when the command
/// returns took some 70 M instructions after 6,000 paragraphs, and 45 M (8 %) of the start-up cost
/// of a one-record run, all for memory the kernel takes back at once when the process exits.
/// Only the command-line entry points use this: a library caller keeps Swift's ordinary lifetimes.
enum ProcessLifetime {
  private final class Box {
    let value: Any
    init(_ value: Any) { self.value = value }
  }

  /// Holds `value` (and everything it refers to) until the process exits.
  static func keep(_ value: Any) {
    _ = Unmanaged.passRetained(Box(value))
  }
}
