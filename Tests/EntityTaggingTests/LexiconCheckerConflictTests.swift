import EntityTagging
import Testing

@Suite struct LexiconConflictTests {
  func entries(_ text: String, file: String) throws -> [LexiconEntry] {
    try LexiconLoader.parse(text, file: file)
  }

  @Test func userEntriesThatClashWithTheShippedOnesAreFoundAtTheUsersLine() throws {
    let shipped = try entries(
      "ORG:otan\tORG\tOrganización del Tratado del Atlántico Norte\tOTAN|NATO\n"
        + "GPE:ESP\tGPE\tEspaña\tEspaña\n", file: "shipped.tsv")
    let user = try entries(
      "MISC:otan\tMISC\tOTAN (ejercicio)\tOTAN\nGPE:ESP\tGPE\tReino de España\tEspaña\n"
        + "ORG:acme\tORG\tAcme\tAcme\n", file: "mio.tsv")
    let found = LexiconChecker.conflicts(user: user, shipped: shipped)
    #expect(found.count == 2, "\(found)")
    #expect(
      found[0].hasPrefix("mio.tsv:1: alias 'OTAN' is MISC here but ORG in the shipped ORG:otan"))
    #expect(found[1].hasPrefix("mio.tsv:2: id 'GPE:ESP' is also a shipped entry"))
  }

  @Test func everyMalformedLineIsReportedAndGoodLinesKept() {
    let (good, errors) = LexiconLoader.parseAll(
      "ORG:a\tORG\tA\tA\nmal\nORG:b\tORG\tB\tB\n\tORG\tC\n", file: "f.tsv")
    #expect(good.map(\.id) == ["ORG:a", "ORG:b"])
    #expect(errors.map(\.line) == [2, 4])
  }
}
