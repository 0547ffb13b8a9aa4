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
    // Core and stages.
    .target(name: "PrensaCore"),
    .target(name: "Normalization", dependencies: ["PrensaCore", "ICUShim"]),
    .target(name: "Tokenization", dependencies: ["PrensaCore", "Normalization", "ICUShim"]),
    .target(name: "EntityTagging", dependencies: ["PrensaCore", "Normalization", "Tokenization"]),
    .target(name: "Evaluation", dependencies: ["PrensaCore", "Normalization", "Tokenization"]),
    .target(name: "SentenceClassification", dependencies: ["PrensaCore", "Normalization"]),
    .target(name: "Ingestion", dependencies: ["PrensaCore", "Normalization", "HTMLShim"]),
    .target(name: "Interchange", dependencies: ["PrensaCore"]),
    .target(name: "Batch", dependencies: ["PrensaCore", "Normalization", "Ingestion", "Interchange"]),
    // CLI (thin).
    .executableTarget(
      name: "prensa",
      dependencies: [
        "PrensaCore", "Normalization", "Tokenization", "EntityTagging", "SentenceClassification", "Evaluation", "Batch", "Ingestion", "Interchange", "ICUShim",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    // Tests.
    .target(name: "PrensaTestSupport", dependencies: ["PrensaCore"]),
    .testTarget(
      name: "PrensaCoreTests", dependencies: ["PrensaCore", "PrensaTestSupport"]),
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
      name: "IngestionTests", dependencies: ["Ingestion", "Normalization", "PrensaTestSupport"],
      exclude: ["Fixtures"]),
    .testTarget(
      name: "InterchangeTests", dependencies: ["Interchange", "PrensaTestSupport"]),
    .testTarget(
      name: "prensaTests", dependencies: ["prensa", "Batch", "Ingestion", "PrensaTestSupport"]),
  ]
)
