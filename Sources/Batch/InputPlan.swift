import Ingestion
import PrensaCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// What a run reads, expanded from its arguments, and the files of its folders it leaves out
/// with the reason for each.
///
/// Folders are read recursively in sorted order; a file in a folder is read when its extension
/// names a format prensa reads (`.jsonl`, `.txt`, `.md`, `.html`, … see
/// `DocumentReader.extensions`) and it matches `include` (when given) and not `exclude`. A file
/// named as an argument is always read: by its extension, or as plain text. Hidden files and
/// folders (`.name`) are passed over, as `ls` and ripgrep do.
public struct InputPlan: Sendable, Equatable {
  /// A file a folder run passes over, and why.
  public struct Skipped: Sendable, Equatable {
    public var path: String
    public var reason: String
  }

  public var inputs: [BatchRunner.Input] = []
  public var skipped: [Skipped] = []

  /// How to read what is not recognised by its extension (`--format`).
  public enum Format: String, Sendable, CaseIterable {
    /// By extension; standard input is JSONL when it starts with `{`, else plain text (or a web
    /// page when it starts with markup).
    case auto
    case jsonl, text, markdown, html
  }

  /// Expands arguments: `-` is standard input, a folder its files, a file itself.
  ///
  /// - Parameters:
  ///   - include: glob patterns (`*.html`, `2024/*`); when any is given, a folder's file is read
  ///     only if its name or its path under the folder matches one.
  ///   - exclude: glob patterns of files to leave out.
  /// - Throws: `PipelineError.cannotOpen` for an argument that does not exist.
  public static func make(
    _ arguments: [String], include: [String] = [], exclude: [String] = [], format: Format = .auto
  ) throws(PipelineError) -> InputPlan {
    var plan = InputPlan()
    for argument in arguments {
      if argument == "-" {
        plan.inputs.append(standardInput(format))
        continue
      }
      let entries = try FileWalker.files(under: argument, extensions: [])
      let isFolder = !(entries.count == 1 && entries[0].path == argument)
      for entry in entries {
        if isFolder {
          guard selected(entry.relativePath, include: include, exclude: exclude) else { continue }
        }
        if let input = input(for: entry, format: format) {
          plan.inputs.append(input)
        } else if isFolder {
          plan.skipped.append(Skipped(path: entry.path, reason: unsupported(entry.path)))
        } else {
          plan.inputs.append(
            BatchRunner.Input(
              path: entry.path, relativePath: entry.relativePath, kind: .text(.text)))
        }
      }
    }
    return plan
  }

  static func standardInput(_ format: Format) -> BatchRunner.Input {
    let kind: BatchRunner.Input.Kind
    switch format {
    case .auto: kind = .detect
    case .jsonl: kind = .jsonl
    case .text: kind = .text(.text)
    case .markdown: kind = .text(.markdown)
    case .html: kind = .text(.html)
    }
    return BatchRunner.Input(path: "-", relativePath: "stdin.jsonl", kind: kind)
  }

  /// The input for a file by its extension (or the forced format); nil when the extension names
  /// no format prensa reads.
  static func input(for entry: FileWalker.Entry, format: Format) -> BatchRunner.Input? {
    let kind: BatchRunner.Input.Kind
    switch format {
    case .jsonl: kind = .jsonl
    case .text: kind = .text(.text)
    case .markdown: kind = .text(.markdown)
    case .html: kind = .text(.html)
    case .auto:
      let ext = FileWalker.fileExtension(entry.path)
      if ext == "jsonl" || ext == "ndjson" {
        kind = .jsonl
      } else if let known = DocumentReader.extensions[ext] {
        kind = .text(known)
      } else {
        return nil
      }
    }
    return BatchRunner.Input(path: entry.path, relativePath: entry.relativePath, kind: kind)
  }

  static func unsupported(_ path: String) -> String {
    let ext = FileWalker.fileExtension(path)
    return ext.isEmpty
      ? "no extension (name it with --include, or read it with --format text)"
      : "unsupported extension '.\(ext)'"
  }

  /// Whether a folder's file is chosen by the patterns (matched against its path under the
  /// folder and against its name).
  static func selected(_ relativePath: String, include: [String], exclude: [String]) -> Bool {
    let name = relativePath.split(separator: "/").last.map(String.init) ?? relativePath
    func matches(_ pattern: String) -> Bool {
      fnmatch(pattern, relativePath, 0) == 0 || fnmatch(pattern, name, 0) == 0
    }
    if !include.isEmpty && !include.contains(where: matches) { return false }
    return !exclude.contains(where: matches)
  }
}
