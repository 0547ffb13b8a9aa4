// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "prensa",
  products: [.executable(name: "prensa", targets: ["prensa"])],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.6.0")
  ],
  targets: [
    // C: system ICU behind a plain-C shim, so no Swift module ever sees <unicode/...>.
    .systemLibrary(name: "CICU", pkgConfig: "icu-uc", providers: [.apt(["libicu-dev"])]),
    .target(
      name: "ICUShim", dependencies: ["CICU"],
      linkerSettings: [.linkedLibrary("icuuc"), .linkedLibrary("icui18n")]),
    // C: system libxml2 (its HTML parser) behind a plain-C shim in the same way.
    .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
    .target(name: "HTMLShim", dependencies: ["CLibXML2"], linkerSettings: [.linkedLibrary("xml2")]),
    // C: memory hints (prefetch) that Swift cannot spell, header-only.
    .target(name: "CMemory"),
    // Core and stages.
    // The record model, JSON, streams, the stage protocol (no ICU, no Foundation).
    .target(name: "PrensaCore", dependencies: ["CMemory"]),
    // The text layer below the stages: ICU behind Swift (package-only), matching keys, token
    // kinds of characters, month names. Stages share it instead of depending on each other.
    .target(name: "PrensaText", dependencies: ["PrensaCore", "ICUShim"]),
    // The stages: each depends on the core and the text layer; only the tagger needs the
    // tokenizer (its lexicon's aliases are tokenized as text is).
    .target(name: "Normalization", dependencies: ["PrensaCore", "PrensaText", "ICUShim"]),
    .target(name: "Tokenization", dependencies: ["PrensaCore", "PrensaText", "ICUShim"]),
    .target(name: "EntityTagging", dependencies: ["PrensaCore", "PrensaText", "Tokenization"]),
    .target(name: "SentenceClassification", dependencies: ["PrensaCore", "PrensaText", "CMemory"]),
    .target(name: "Evaluation", dependencies: ["PrensaCore", "PrensaText"]),
    // Reading documents (text, Markdown, web pages), exchange formats, batches.
    .target(name: "Ingestion", dependencies: ["PrensaCore", "PrensaText", "HTMLShim"]),
    .target(name: "Interchange", dependencies: ["PrensaCore"]),
    .target(name: "Batch", dependencies: ["PrensaCore", "PrensaText", "Ingestion", "Interchange"]),
    // CLI (thin).
    .executableTarget(
      name: "prensa",
      dependencies: [
        "PrensaCore", "PrensaText", "Normalization", "Tokenization", "EntityTagging", "SentenceClassification", "Evaluation", "Batch", "Ingestion", "Interchange", "ICUShim",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    // Tests.
    .target(name: "PrensaTestSupport", dependencies: ["PrensaCore"]),
    .testTarget(
      name: "PrensaCoreTests", dependencies: ["PrensaCore", "PrensaTestSupport"]),
    .testTarget(name: "PrensaTextTests", dependencies: ["PrensaText", "PrensaTestSupport"]),
    .testTarget(
      name: "NormalizationTests", dependencies: ["Normalization", "PrensaTestSupport"],
      exclude: ["Golden"]),
    .testTarget(
      name: "TokenizationTests", dependencies: ["Tokenization", "Normalization", "PrensaTestSupport"],
      exclude: ["Golden"]),
    .testTarget(
      name: "EntityTaggingTests", dependencies: ["EntityTagging", "Normalization", "PrensaTestSupport"],
      exclude: ["Golden"]),
    .testTarget(
      name: "EvaluationTests", dependencies: ["Evaluation", "PrensaTestSupport"],
      exclude: ["Fixtures"]),
    .testTarget(
      name: "SentenceClassificationTests",
      dependencies: ["SentenceClassification", "EntityTagging", "Normalization", "PrensaTestSupport"], exclude: ["Golden"]),
    .testTarget(
      name: "IngestionTests", dependencies: ["Ingestion", "Normalization", "PrensaTestSupport"]),
    .testTarget(
      name: "InterchangeTests", dependencies: ["Interchange", "PrensaTestSupport"]),
    .testTarget(
      name: "prensaTests", dependencies: ["prensa", "Batch", "Ingestion", "PrensaTestSupport"]),
  ]
)
