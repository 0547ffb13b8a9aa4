/// Each token's matching key and its entry in the tagger's per-thread word memo, kept in memory
/// so that the classifier, run next in the same process, neither recomputes keys nor hashes each
/// word again: it finds its own facts about a word by the entry number (see `ThreadAnnex`).
public struct TokenWords: Sendable {
  /// Per token, its matching key.
  public var keys: [String]
  /// Per token, its entry in the memo table stamped `stamp`.
  public var entries: [Int32]
  /// The memo table's stamp when the entries were taken (`ThreadCache.Table.stamp`).
  public var stamp: Int

  public init(keys: [String], entries: [Int32], stamp: Int) {
    self.keys = keys
    self.entries = entries
    self.stamp = stamp
  }
}
