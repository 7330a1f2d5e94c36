import ClaimAPI
import ClaimModel
import Testing

@Suite("query parameters and cursors")
struct QueryTests {
    @Test("a filter built by a client parses back to the same filter on the daemon")
    func roundTrip() throws {
        let query = ListingQuery(actor: "Ilka Brannock & Co", topic: "tariffs", stance: .conditional, since: CalendarDay("2031-01-01"),
                                 until: CalendarDay("2031-02-28"), minConfidence: 0.5, q: "raise tariffs", limit: 20,
                                 cursor: .timeline(TimelinePosition(day: "2031-02-03", kind: .event, id: 99)))
        let target = Route.timeline.target(query.items)
        #expect(target.hasPrefix("/v1/timeline?actor=Ilka%20Brannock%20%26%20Co&"))
        let pairs = target.split(separator: "?")[1].split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1)
            return (String(parts[0]), String(parts[1]).removingPercentEncodingForTest)
        }
        #expect(try ListingQuery(parameters: pairs, for: .timeline) == query)
    }

    @Test("unknown parameters, bad stances, limits and cursors are refused with a message naming them")
    func refusals() {
        #expect(throws: APIError.badRequest("unknown parameter 'min_confidence'; GET /v1/events takes actor, since, until, limit, cursor")) {
            try ListingQuery(parameters: [("min_confidence", "0.5")], for: .events)
        }
        #expect { try ListingQuery(parameters: [("stance", "against")], for: .claims) } throws: { error in
            (error as? APIError)?.message.contains("support, oppose, conditional, neutral") == true
        }
        #expect(throws: APIError.self) { try ListingQuery(parameters: [("limit", "0")], for: .claims) }
        #expect(throws: APIError.self) { try ListingQuery(parameters: [("cursor", "not-a-cursor!")], for: .claims) }
        #expect(throws: APIError.self) { try ListingQuery(parameters: [("since", "yesterday")], for: .claims) }
    }

    @Test("a partial until means the last day it covers")
    func partialDays() throws {
        #expect(try ListingQuery.day("2032-02", name: "until", atEnd: true).description == "2032-02-29")
        #expect(try ListingQuery.day("2031", name: "until", atEnd: true).description == "2031-12-31")
        #expect(try ListingQuery.day("2031-07", name: "since", atEnd: false).description == "2031-07-01")
    }

    @Test("cursors round-trip through their tokens, and tokens need no escaping",
          arguments: [PageCursor.timeline(TimelinePosition(day: "2031-02-03", kind: .claim, id: 123456789)),
                      .actor(ActorPosition(claims: 12, events: 0, name: "Ilka | Brannock")), .failure(id: 5)])
    func cursors(_ cursor: PageCursor) {
        #expect(PageCursor(token: cursor.token) == cursor)
        #expect(percentEncoded(cursor.token) == cursor.token)
    }
}

extension String {
    /// Percent-decoding, as a server does (Foundation-free, for the test).
    var removingPercentEncodingForTest: String {
        var bytes: [UInt8] = []
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next(),
               let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
