import Foundation

extension CoNLLU {
    /// Reads and parses a CoNLL-U file (UTF-8).
    public static func read(path: String) throws -> [CoNLLUSentence] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try parse(text)
    }
}
