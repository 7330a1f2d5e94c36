import TOMLKit

/// A rule file embedded in the module (`Resources/*.toml`): word lists and examples as data.
enum ResourceFile {
    /// Every top-level list of strings in the file, by key.
    static func stringLists(_ bytes: [UInt8]) -> [String: [String]] {
        // The embedded files are part of the build and parsed by the tests; failure is a build defect.
        let table = try! TOMLTable(string: String(decoding: bytes, as: UTF8.self))
        var lists: [String: [String]] = [:]
        for (key, value) in table { lists[key] = (value.array ?? TOMLArray()).compactMap { $0.string } }
        return lists
    }
}
