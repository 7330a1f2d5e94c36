import ClaimExtraction
import ClaimModel
import Foundation

/// A document date chosen from a dateline's day and month against a file time more than
/// ``DocumentDating/tolerance`` days away: worth a warning, since one of the two is wrong
/// (a file copied today, or a dateline's typo).
public struct DatingNote: Sendable, Equatable {
    /// The day the document was given: the dateline's, in the latest year not after the file time.
    public var chosen: CalendarDay
    /// The file's modification day, which lost.
    public var fileDay: CalendarDay

    public var description: String {
        "dated \(chosen) by its dateline, not \(fileDay) by its file time (\(abs(fileDay.dayNumber - chosen.dayNumber)) days apart)"
    }
}

/// Chooses a document's date (its DCT), most trusted first: the date given with it (`--dct`,
/// the API's `dct`); a date the article states in full (header, dateline, HTML meta, JSON
/// field); a dateline's day and month, in the latest year that is not after the file time;
/// else the file time. With `requireDate`, an article with no date in its text is refused
/// instead of dated by its file time.
enum DocumentDating {
    /// Days a dateline and a file time may differ without a warning: a file saved the day after
    /// a late dateline, or across a time zone, is not worth one.
    static let tolerance = 2

    static func date(given: CalendarDay?, article: DecodedArticle, modified: Date,
                     requireDate: Bool) throws(ArticleLoader.LoadError) -> (DocumentDate, DatingNote?) {
        if let given { return (DocumentDate(day: given, source: .argument), nil) }
        if let stated = article.embeddedDate { return (stated, nil) }
        let fileDay = ArticleLoader.localDay(of: modified)
        if let dateline = DatelineDay.find(in: article.text), let chosen = dateline.latest(notAfter: fileDay) {
            let apart = abs(fileDay.dayNumber - chosen.dayNumber) > tolerance
            return (DocumentDate(day: chosen, source: .dateline), apart ? DatingNote(chosen: chosen, fileDay: fileDay) : nil)
        }
        if requireDate { throw .undated }
        return (DocumentDate(day: fileDay, source: .mtime), nil)
    }
}
