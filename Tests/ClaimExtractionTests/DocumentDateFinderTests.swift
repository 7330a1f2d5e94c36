@testable import ClaimExtraction
import ClaimModel
import Testing

@Suite("Document date finder")
struct DocumentDateFinderTests {
    static let headers: [(String, String)] = [
        ("Date: 2024-12-19\n\nText.", "2024-12-19"),
        ("date: 2024-12-19T08:00:00Z\nText.", "2024-12-19"),
        ("Published: 19 December 2024\n\nText.", "2024-12-19"),
        ("Title: X\nDate: Thu, 19 Dec 2024 15:30:00 +0000\n\nText.", "2024-12-19"),
        ("Published: December 19, 2024\nText.", "2024-12-19"),
        ("Date: 2024/12/19\nText.", "2024-12-19"),
        ("Date: 19/12/2024\nText.", "2024-12-19"),
        ("Date: 12/19/2024\nText.", "2024-12-19"),
        ("Posted: 29 Feb 2024\nText.", "2024-02-29"),
    ]

    @Test(arguments: headers) func header(_ text: String, _ value: String) {
        #expect(DocumentDateFinder.find(in: text) == DocumentDate(value: value, source: .header))
    }

    @Test func datelineWithFullDate() {
        let text = "Headline\n\nWASHINGTON, Dec. 19, 2024 (Reuters) - The president said."
        #expect(DocumentDateFinder.find(in: text) == DocumentDate(value: "2024-12-19", source: .dateline))
        let dash = "PARIS, 4 March 2025 - France said."
        #expect(DocumentDateFinder.find(in: dash) == DocumentDate(value: "2025-03-04", source: .dateline))
    }

    @Test func datelineWithoutYearGivesNothing() {
        #expect(DocumentDateFinder.find(in: "WASHINGTON, Feb 27 (Reuters) - Trump said.") == nil)
        #expect(DocumentDateFinder.find(in: "Brussels (AFP) - Leaders met.") == nil)
    }

    @Test func headerWinsOverDateline() {
        let text = "Date: 2025-01-02\n\nPARIS, 4 March 2025 - France said."
        #expect(DocumentDateFinder.find(in: text)?.source == .header)
    }

    @Test func invalidDatesAreIgnored() {
        #expect(DocumentDateFinder.find(in: "Date: 2025-02-29\nText.") == nil)
        #expect(DocumentDateFinder.find(in: "Date: soon\nText.") == nil)
        #expect(DocumentDateFinder.parseDate("19 December") == nil)
    }

    @Test func plainTextArticleCarriesItsHeaderDate() throws {
        let article = try ArticleDecoder.decode(Array("Published: 19 December 2024\n\nLeaders met.".utf8), fileName: "a.txt")
        #expect(article.embeddedDate == DocumentDate(value: "2024-12-19", source: .header))
    }

    @Test func htmlMetaIsUsedWhenTheTextHasNoDate() throws {
        let html = #"<html><head><meta name="date" content="2024-12-19"></head><body><p>Leaders met.</p></body></html>"#
        let article = try ArticleDecoder.decode(Array(html.utf8), fileName: "a.html")
        #expect(article.embeddedDate == DocumentDate(value: "2024-12-19", source: .htmlMeta))
    }
}
