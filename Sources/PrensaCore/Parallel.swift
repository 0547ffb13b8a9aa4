import Dispatch

/// `body(0..<count)` on all cores, results in index order. For independent, similar-sized work
/// items (pieces of a file, chunks of a list).
public func parallelMap<T>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
  var slots = [T?](repeating: nil, count: count)
  slots.withUnsafeMutableBufferPointer { buffer in
    // Each index is written by exactly one iteration, and the buffer outlives
    // `concurrentPerform`, which returns when every iteration is done.
    nonisolated(unsafe) let output = buffer
    DispatchQueue.concurrentPerform(iterations: count) { index in output[index] = body(index) }
  }
  return slots.compactMap { $0 }
}
