/// A light, deterministic stemmer for English news text.
///
/// Cues in the lexicon and words of the article go through the same function, so what matters is
/// that inflections of one word meet on one key ("sanctions", "sanctioned" → "sanction";
/// "guarantees", "guaranteeing" → "guarante"), not that the key is a dictionary lemma.
enum Lemmatizer {
    /// Irregular forms that suffix stripping would get wrong, mapped to their base form.
    private static let irregular: [String: String] = [
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
    ]

    static func lemma(ofLowercased word: String) -> String {
        if let base = irregular[word] { return base }
        var scalars = Array(word.unicodeScalars)
        if scalars.last == "." { scalars.removeLast() }
        guard scalars.count > 3 else { return String(String.UnicodeScalarView(scalars)) }
        strip(&scalars)
        if scalars.count > 4, scalars.last == "e" { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }

    private static func strip(_ s: inout [Unicode.Scalar]) {
        func ends(_ suffix: String) -> Bool {
            let t = Array(suffix.unicodeScalars)
            return s.count > t.count && Array(s.suffix(t.count)) == t
        }
        func drop(_ n: Int, add: String = "") {
            s.removeLast(n)
            s.append(contentsOf: add.unicodeScalars)
        }
        if ends("ies"), s.count > 4 { drop(3, add: "y"); return }
        if ends("ied"), s.count > 4 { drop(3, add: "y"); return }
        if ends("sses") { drop(2); return }
        if ends("ches") || ends("shes") || ends("xes") || ends("zes") { drop(2); return }
        if ends("ing"), s.count >= 6 { drop(3); undouble(&s); return }
        if ends("ed"), s.count >= 6, !ends("eed") { drop(2); undouble(&s); return }
        if ends("s"), !ends("ss"), !ends("us"), !ends("is"), !ends("'s") { drop(1) }
    }

    /// "stopped" → "stopp" → "stop", but "called" stays "call" ("ll" is a real ending).
    private static func undouble(_ s: inout [Unicode.Scalar]) {
        guard s.count >= 3, let last = s.last, last == s[s.count - 2],
              !"lsz".unicodeScalars.contains(last), !"aeiou".unicodeScalars.contains(last) else { return }
        s.removeLast()
    }
}
