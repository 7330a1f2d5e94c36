@testable import ClaimExtraction
import ClaimModel
import Testing

func decode(_ text: String, _ fileName: String? = nil) throws(ArticleDecodingError) -> DecodedArticle {
    try ArticleDecoder.decode(Array(text.utf8), fileName: fileName)
}

@Suite("Article decoder: formats")
struct ArticleDecoderFormatTests {
    @Test func plainTextIsKeptByteForByte() throws {
        let text = "Title\r\n\r\nKYIV, March 11 (Reuters) -  Ukraine’s   leaders met.\n"
        let article = try decode(text, "a.txt")
        #expect(article.text == text)
        #expect(article.format == .text)
    }

    @Test func byteOrderMarkIsStripped() throws {
        let article = try ArticleDecoder.decode([0xEF, 0xBB, 0xBF] + Array("Hello world".utf8), fileName: "a.txt")
        #expect(article.text == "Hello world")
    }

    @Test func markdown() throws {
        let md = """
        ---
        title: "Talks resume"
        date: 2024-12-19
        ---

        # Talks **resume** in Geneva

        Leaders *met* in [Geneva](https://example.com/geneva) on Thursday.
        ![a photo](x.png)

        > A quoted_word stays, _emphasis_ goes.
        """
        let article = try decode(md, "story.md")
        #expect(article.format == .markdown)
        #expect(article.title == "Talks resume")
        #expect(article.embeddedDate == DocumentDate(value: "2024-12-19", source: .header))
        #expect(article.text.hasPrefix("Talks resume in Geneva\n\nLeaders met in Geneva on Thursday."))
        #expect(article.text.contains("a photo"))
        #expect(article.text.contains("A quoted_word stays, emphasis goes."))
        #expect(!article.text.contains("https://"))
    }

    @Test func markdownTitleFromFirstHeading() throws {
        let article = try decode("# Headline here\n\nBody text.", "x.markdown")
        #expect(article.title == "Headline here")
        #expect(article.text == "Headline here\n\nBody text.")
    }

    @Test func html() throws {
        let html = """
        <!DOCTYPE html><html><head><title>EU &amp; Ukraine</title>
        <meta property="article:published_time" content="2024-12-19T10:00:00Z">
        <style>p { color: red }</style><script>var x = "<p>not text</p>";</script></head>
        <body><nav><a href="/">Home</a></nav>
        <h1>Leaders meet</h1>
        <p>Zelensky&rsquo;s   plan, said the <b>EU</b> &#8217;s chief.</p><p>Second&nbsp;paragraph &#x2014; here.<br>Next line</p>
        <!-- a comment <p>hidden</p> -->
        </body></html>
        """
        let article = try decode(html, "page.html")
        #expect(article.format == .html)
        #expect(article.title == "EU & Ukraine")
        #expect(article.embeddedDate == DocumentDate(value: "2024-12-19", source: .htmlMeta))
        #expect(article.text == "Leaders meet\n\nZelensky\u{2019}s plan, said the EU \u{2019}s chief.\n\nSecond paragraph \u{2014} here.\nNext line")
    }

    @Test func htmlIsSniffedWithoutExtension() throws {
        let article = try decode("<html><body><p>Hello there.</p></body></html>")
        #expect(article.format == .html)
        #expect(article.text == "Hello there.")
    }

    @Test func json() throws {
        let json = #"{"title": "Deal reached", "datePublished": "2025-02-27T09:00:00Z", "articleBody": "Leaders agreed on Thursday."}"#
        let article = try decode(json, "a.json")
        #expect(article.format == .json)
        #expect(article.title == "Deal reached")
        #expect(article.text == "Leaders agreed on Thursday.")
        #expect(article.embeddedDate == DocumentDate(value: "2025-02-27", source: .htmlMeta))
    }

    @Test(arguments: ["body", "text", "content", "articleBody"]) func jsonBodyKeys(_ key: String) throws {
        let article = try decode(#"{"\#(key)": "Some text.", "published": "19 December 2024"}"#)
        #expect(article.text == "Some text.")
        #expect(article.embeddedDate?.value == "2024-12-19")
    }

    @Test func jsonWithHTMLBody() throws {
        let article = try decode(#"{"title": "T", "content": "<p>One &amp; two.</p><p>Three.</p>"}"#, "a.json")
        #expect(article.text == "One & two.\n\nThree.")
    }
}

@Suite("Article decoder: hostile input")
struct ArticleDecoderHostileTests {
    @Test func empty() {
        #expect(throws: ArticleDecodingError.empty) { try ArticleDecoder.decode([]) }
        #expect(throws: ArticleDecodingError.empty) { try decode(" \n\t\r\n ") }
        #expect(throws: ArticleDecodingError.empty) { try ArticleDecoder.decode([0xEF, 0xBB, 0xBF]) }
    }

    @Test func nulByteIsBinary() {
        #expect(throws: ArticleDecodingError.binary(reason: "NUL byte at offset 3")) {
            try ArticleDecoder.decode([0x41, 0x42, 0x43, 0x00, 0x44])
        }
    }

    @Test func controlCharactersAreBinary() {
        let bytes: [UInt8] = Array(repeating: 0x01, count: 50) + Array("text".utf8)
        #expect {
            try ArticleDecoder.decode(bytes)
        } throws: { error in
            if case .binary? = error as? ArticleDecodingError { return true }
            return false
        }
    }

    @Test func invalidUTF8ReportsTheOffset() {
        #expect(throws: ArticleDecodingError.invalidUTF8(byteOffset: 3)) {
            try ArticleDecoder.decode(Array("Kyi’".utf8).prefix(4) + [0xFF, 0x41])
        }
        #expect(throws: ArticleDecodingError.invalidUTF8(byteOffset: 2)) { try ArticleDecoder.decode([0x41, 0x42, 0xE2, 0x80]) }
    }

    @Test func tooLarge() {
        #expect(throws: ArticleDecodingError.tooLarge(bytes: 11, limit: 10)) {
            try ArticleDecoder.decode(Array("hello world".utf8), maxBytes: 10)
        }
    }

    @Test func malformedJSON() {
        #expect {
            try decode(#"{"title": "x", "body": "#, "a.json")
        } throws: { error in
            if case .malformed(format: .json, reason: _)? = error as? ArticleDecodingError { return true }
            return false
        }
        #expect {
            try decode(#"{"title": "no body"}"#, "a.json")
        } throws: { error in
            if case .malformed(format: .json, reason: _)? = error as? ArticleDecodingError { return true }
            return false
        }
        #expect {
            try decode("[1, 2, 3]", "a.json")
        } throws: { error in
            if case .malformed(format: .json, reason: _)? = error as? ArticleDecodingError { return true }
            return false
        }
    }
}
