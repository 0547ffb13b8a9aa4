extension Array {
  /// The array itself when it is already in order by `areInIncreasingOrder` (no element before
  /// one it should follow), else the array sorted by it. Records usually come in order (a tagger's
  /// entities, an object's few members), and checking costs one pass where sorting copies.
  ///
  /// - Complexity: O(*n*) when in order, else O(*n* log *n*).
  @inlinable
  public func sortedUnlessOrdered(by areInIncreasingOrder: (Element, Element) -> Bool) -> [Element]
  {
    for i in indices.dropFirst() where areInIncreasingOrder(self[i], self[i - 1]) {
      return sorted(by: areInIncreasingOrder)
    }
    return self
  }
}
