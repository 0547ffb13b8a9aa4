import PrensaCore

extension BatchRunner {
  /// What a run into an output folder did, beyond the summary.
  public struct FolderRun: Sendable {
    /// Inputs skipped because their output is complete and current.
    public var current = 0
    /// The write failure that stopped the run (disk full, ...), if one did.
    public var writeFailure: PipelineError?
    /// Outputs removed because their input is no longer among the run's (`prune`).
    public var pruned = 0
  }

  /// Runs each input into its own file under `directory` (`run --out-dir`): an input whose
  /// output is complete and was made from the same bytes under the same configuration is skipped;
  /// each output is written to a temporary file and committed to the manifest when complete, so a
  /// run killed at any point resumes where it stopped. Outputs whose input is not among `inputs`
  /// are reported, or deleted with `prune`.
  public func run(
    _ inputs: [Input], into directory: inout OutputDirectory, rejects: OutputSink?, prune: Bool,
    quiet: Bool
  ) -> FolderRun {
    var result = FolderRun()
    var current = Set<String>()
    for input in inputs {
      if options.failFast && summary.errors > 0 { break }
      let relative: String
      do {
        relative = try OutputDirectory.outputPath(for: input.relativePath)
      } catch {
        diagnostics("prensa \(commandName): \(error)")
        continue
      }
      current.insert(relative)
      let inputHash =
        input.isStandardInput ? "" : ((try? readFile(input.path)).map { SHA256.hex($0) } ?? "")
      if !inputHash.isEmpty && directory.isCurrent(output: relative, inputHash: inputHash) {
        result.current += 1
        continue
      }
      do throws(PipelineError) {
        let sink = try directory.begin(output: relative)
        let ok = runOne(input, into: sink, rejects: rejects)
        sink.close()
        if let failure = sink.failure { throw failure }
        if ok {
          try directory.commit(output: relative, inputHash: inputHash)
        } else {
          directory.abandon(output: relative)
        }
      } catch {
        directory.abandon(output: relative)
        diagnostics("prensa \(commandName): \(error)")
        result.writeFailure = error
        break
      }
    }
    if result.writeFailure == nil && !(options.failFast && summary.errors > 0) {
      let orphans = directory.outputs(notIn: current)
      if prune && !orphans.isEmpty {
        directory.remove(orphans)
        result.pruned = orphans.count
        if !quiet {
          diagnostics("prensa \(commandName): pruned \(orphans.count) outputs with no input")
        }
      } else if !orphans.isEmpty {
        let shown = orphans.prefix(3).joined(separator: ", ")
        diagnostics(
          "prensa \(commandName): \(orphans.count) outputs in \(directory.root) have no input in "
            + "this run (\(shown)\(orphans.count > 3 ? ", …" : "")): --prune removes them")
      }
    }
    do {
      try directory.finish()
    } catch {
      diagnostics("prensa \(commandName): \(error)")
      result.writeFailure = result.writeFailure ?? error
    }
    return result
  }
}
