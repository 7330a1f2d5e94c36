/// A human-readable summary of a model file (sections, sizes, table fill), for `claimd-train info`.
public enum ModelFileInfo {
    public static func describe(path: String) throws(ModelFileError) -> String {
        let storage = try ModelFile.readFile(path)
        let kindValue = storage.count >= 16 ? UInt32(littleEndian: storage.base.loadUnaligned(fromByteOffset: 12, as: UInt32.self)) : 0
        let file = try VerifiedModelFile(storage: storage, path: path, kind: kindValue)
        var out = "\(path): \(storage.count) bytes, kind \(ModelFile.tagName(kindValue)), format version \(ModelFile.currentVersion)\n"
        out += "  credit: \(file.credit)\n  provenance: \(file.provenance)\n"
        for s in file.sectionList {
            out += "  section \(ModelFile.tagName(s.tag)): \(s.length) bytes"
            if s.length >= 32, ["TWGT", "TWG2", "TDIC", "LEXA", "LLOW", "LSUF", "PACT", "PLBL"].contains(ModelFile.tagName(s.tag)) {
                var r = try file.section(s.tag)
                let t = try FrozenTable(reader: &r)
                var used = 0
                for i in 0..<t.capacity where t.slots.load(fromByteOffset: i * t.slotSize, as: UInt32.self) != 0 { used += 1 }
                out += " (\(used) keys in \(t.capacity) slots of \(t.slotSize) bytes, \(t.entryCount) entry words, longest probe \(t.maxProbe))"
            }
            out += "\n"
        }
        return out
    }
}
