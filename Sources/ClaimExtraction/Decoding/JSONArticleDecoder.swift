import ClaimModel
import Foundation

/// A JSON article: an object with a title, a body under one of the usual keys, and a date.
enum JSONArticleDecoder {
    static let bodyKeys = ["body", "text", "content", "articleBody", "article_body", "description"]
    static let titleKeys = ["title", "headline", "name"]
    static let dateKeys = ["date", "published", "datePublished", "published_at", "publishedAt", "pubDate", "dateCreated", "created_at"]

    static func decode(_ bytes: [UInt8]) throws(ArticleDecodingError) -> DecodedArticle {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            throw .malformed(format: .json, reason: "not valid JSON")
        }
        var dict = object as? [String: Any]
        if dict == nil, let array = object as? [Any], array.count == 1 { dict = array[0] as? [String: Any] }
        guard let dict else { throw .malformed(format: .json, reason: "the top level is not an object") }
        // Some feeds nest the article: {"article": {…}} or {"data": {…}}.
        if bodyKeys.allSatisfy({ dict[$0] == nil }), dict.count == 1, let inner = dict.values.first as? [String: Any] {
            return try decode(inner)
        }
        return try decode(dict)
    }

    static func decode(_ dict: [String: Any]) throws(ArticleDecodingError) -> DecodedArticle {
        guard let raw = bodyKeys.lazy.compactMap({ text(dict[$0]) }).first else {
            throw .malformed(format: .json, reason: "no body, text, content or articleBody field")
        }
        var body = raw
        var metaDate: DocumentDate?
        if raw.contains("</") || raw.contains("<p") || raw.contains("<br") {
            let html = HTMLDecoder.decode(raw)
            body = html.text
            metaDate = html.metaDate
        }
        guard body.contains(where: { !$0.isWhitespace }) else { throw .empty }
        let title = titleKeys.lazy.compactMap({ dict[$0] as? String }).first
        let fieldDate = dateKeys.lazy.compactMap { (dict[$0] as? String).flatMap(DocumentDateFinder.parseDate) }.first
        let date = fieldDate.map { DocumentDate(day: $0, source: .htmlMeta) } ?? metaDate ?? DocumentDateFinder.find(in: body)
        return DecodedArticle(text: body, format: .json, title: title, embeddedDate: date)
    }

    /// A string, or an array of strings (paragraphs).
    static func text(_ value: Any?) -> String? {
        if let s = value as? String { return s }
        if let parts = value as? [String] { return parts.joined(separator: "\n\n") }
        return nil
    }
}
