import Foundation
import PrensaCore
import PrensaTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A stage writing into a pipe asks for a larger buffer and writes half of it at a time, so that
/// the stage after it reads while this one works (chains of stages ran one after another).
@Suite struct PipesTests {
  @Test func aPipeIsEnlargedAndWrittenInHalves() throws {
    var ends: [Int32] = [0, 0]
    try #require(pipe(&ends) == 0)
    defer {
      close(ends[0])
      close(ends[1])
    }
    let size = try #require(Pipes.enlarge(ends[1]))
    // Linux lets any process have 1 MiB by default; a lower limit leaves 64 KiB.
    #expect(size >= 1 << 16)
    #if os(Linux)
      if let limit = try? String(contentsOfFile: "/proc/sys/fs/pipe-max-size", encoding: .utf8),
        let bytes = Int(limit.trimmingCharacters(in: .whitespacesAndNewlines)), bytes >= 1 << 20
      {
        #expect(size == 1 << 20)
      }
    #endif
    #expect(Pipes.flushSize(ends[1]) == size / 2)
    // The reading end is the same pipe.
    #expect(Pipes.enlarge(ends[0]) == size)
  }

  @Test func aFileIsNotAPipe() throws {
    let path = try TestSupport.temporaryDirectory().appendingPathComponent("out.jsonl").path
    let sink = try OutputSink(path: path)
    defer { sink.close() }
    #expect(sink.flushSize == 1 << 20)
    let descriptor = open(path, O_RDONLY)
    defer { close(descriptor) }
    #expect(Pipes.enlarge(descriptor) == nil)
  }
}
