/// A light, deterministic stemmer for English news text.
///
/// Cues in the lexicon and words of the article go through the same function, so what matters is
/// that inflections of one word meet on one key ("sanctions", "sanctioned" → "sanction";
/// "guarantees", "guaranteeing" → "guarante"), not that the key is a dictionary lemma.
enum Lemmatizer {
    /// Irregular forms that suffix stripping would get wrong, mapped to their base form.
    private static let irregular = WordTable<String>([
        "said": "say", "says": "say", "told": "tell", "wrote": "write", "written": "write",
        "spoke": "speak", "spoken": "speak", "was": "be", "were": "be", "is": "be", "are": "be",
        "been": "be", "being": "be", "am": "be", "has": "have", "had": "have", "having": "have",
        "did": "do", "does": "do", "done": "do", "went": "go", "gone": "go", "goes": "go",
        "made": "make", "gave": "give", "given": "give", "took": "take", "taken": "take",
        "met": "meet", "sought": "seek", "brought": "bring", "thought": "think", "held": "hold",
        "led": "lead", "left": "leave", "kept": "keep", "sent": "send", "spent": "spend",
        "struck": "strike", "fought": "fight", "won": "win", "lost": "lose", "paid": "pay",
        "laid": "lay", "began": "begin", "begun": "begin", "came": "come", "became": "become",
        "froze": "freeze", "frozen": "freeze", "rose": "rise", "risen": "rise", "fell": "fall",
        "fallen": "fall", "withdrew": "withdraw", "withdrawn": "withdraw",
        "shot": "shoot", "seized": "seize", "cut": "cut", "set": "set", "put": "put", "hit": "hit",
        "knew": "know", "known": "know", "saw": "see", "seen": "see", "felt": "feel", "meant": "mean",
        "men": "man", "women": "woman", "children": "child", "people": "people", "news": "news",
        "us": "us", "its": "its", "this": "this", "his": "his", "as": "as",
    ].map { ($0.key, $0.value) })

    /// The longest irregular form: longer words need no lookup.
    private static let longestIrregular = irregular.keys.map(\.utf8.count).max() ?? 0

    /// An inflected form the suffix rules do not cover ("lost", "left", "given").
    static func isIrregularForm(_ word: String) -> Bool { irregular[word].map { $0 != word } ?? false }

    static func lemma(ofLowercased word: String) -> String {
        if word.utf8.count <= longestIrregular, let base = irregular[word] { return base }
        var bytes = Array(word.utf8)
        if bytes.last == UInt8(ascii: ".") { bytes.removeLast() }
        // Suffix rules are English; other scripts and short words pass through.
        guard bytes.count > 3, bytes.allSatisfy({ $0 < 0x80 }) else { return String(decoding: bytes, as: UTF8.self) }
        let length = bytes.count
        strip(&bytes)
        if bytes.count > 4, bytes.last == UInt8(ascii: "e") { bytes.removeLast() }
        return bytes.count == length && word.utf8.count == length ? word : String(decoding: bytes, as: UTF8.self)
    }

    private static func strip(_ s: inout [UInt8]) {
        func ends(_ suffix: StaticString) -> Bool {
            let n = suffix.utf8CodeUnitCount
            guard s.count > n else { return false }
            return suffix.withUTF8Buffer { t in (0..<n).allSatisfy { s[s.count - n + $0] == t[$0] } }
        }
        func drop(_ n: Int, add: UInt8? = nil) {
            s.removeLast(n)
            if let add { s.append(add) }
        }
        let y = UInt8(ascii: "y")
        if ends("ies"), s.count > 4 { drop(3, add: y); return }
        if ends("ied"), s.count > 4 { drop(3, add: y); return }
        if ends("sses") { drop(2); return }
        if ends("ches") || ends("shes") || ends("xes") || ends("zes") { drop(2); return }
        if ends("ing"), s.count >= 6 { drop(3); undouble(&s); return }
        if ends("ed"), s.count >= 6, !ends("eed") { drop(2); undouble(&s); return }
        if ends("s"), !ends("ss"), !ends("us"), !ends("is"), !ends("'s") { drop(1) }
    }

    /// "stopped" → "stopp" → "stop", but "called" stays "call" ("ll" is a real ending).
    private static func undouble(_ s: inout [UInt8]) {
        guard s.count >= 3, let last = s.last, last == s[s.count - 2],
              !Array("lszaeiou".utf8).contains(last) else { return }
        s.removeLast()
    }
}
