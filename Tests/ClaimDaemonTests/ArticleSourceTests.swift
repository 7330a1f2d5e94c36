import ClaimModel
import Foundation
import Testing

@testable import ClaimDaemon

@Suite("where an article says it was published")
struct ArticleSourceTests {
    @Test("header lines of a text article, and front matter of a Markdown one")
    func headers() {
        let text = "Title: Harbour talks stall\nSource: The Norland Post\nURL: https://post.example/harbour?id=7\nDate: 2031-05-02\n\nBody text."
        #expect(ArticleSource.find(in: Array(text.utf8), format: .text)
            == ArticleSource(url: "https://post.example/harbour?id=7", source: "The Norland Post", title: "Harbour talks stall"))
        let markdown = "---\ntitle: \"Quiet week\"\npublisher: 'Valley Courier'\nlink: not a web address\n---\n# Heading\n"
        #expect(ArticleSource.find(in: Array(markdown.utf8), format: .markdown)
            == ArticleSource(url: nil, source: "Valley Courier", title: "Quiet week"))
        let body = "The minister said: URL: https://late.example is in the body, not the header.\n"
        #expect(ArticleSource.find(in: Array(body.utf8), format: .text) == ArticleSource())
    }

    @Test("canonical link and Open Graph tags of an HTML article, entities decoded, the body ignored")
    func html() {
        let page = """
            <!doctype html><html><head><title>x</title>
            <meta property="og:site_name" content="Harbour &amp; Hill Times">
            <meta name=twitter:title content='Tariff row'>
            <link rel="alternate canonical" href="https://hht.example/a?x=1&amp;y=2">
            <meta property="og:url" content="https://hht.example/ignored">
            </head><body><meta property="og:site_name" content="Later"></body></html>
            """
        #expect(ArticleSource.find(in: Array(page.utf8), format: .html)
            == ArticleSource(url: "https://hht.example/a?x=1&y=2", source: "Harbour & Hill Times", title: "Tariff row"))
    }

    @Test("top-level fields of a JSON article, the outlet as a string or an object")
    func json() {
        let article = #"{"headline": "Ports reopen", "publisher": {"name": "Coastal Wire"}, "canonicalUrl": "https://cw.example/p", "body": "…"}"#
        #expect(ArticleSource.find(in: Array(article.utf8), format: .json)
            == ArticleSource(url: "https://cw.example/p", source: "Coastal Wire", title: "Ports reopen"))
        #expect(ArticleSource.find(in: Array("[1, 2]".utf8), format: .json) == ArticleSource())
    }

    @Test("hostile inputs end quickly with nothing made up", arguments: [
        String(repeating: "<meta ", count: 50_000), String(repeating: "<", count: 200_000), "<meta content=\"" + String(repeating: "a", count: 100_000),
        String(repeating: "Source:", count: 30_000), String(repeating: "[", count: 100_000),
    ])
    func hostile(_ text: String) {
        let start = ContinuousClock.now
        for format in [DocumentFormat.html, .text, .json] {
            let found = ArticleSource.find(in: Array(text.utf8), format: format)
            #expect(found.url == nil)
        }
        #expect(ContinuousClock.now - start < .seconds(2))
    }
}
