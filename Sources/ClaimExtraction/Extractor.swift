import ClaimModel
import ClaimSyntax

/// Options for a whole extraction run.
public struct ExtractionOptions: Sendable, Hashable {
    public var temporal: TemporalOptions
    /// Claims below this confidence are dropped; nil: the confidence model's own threshold.
    public var minConfidence: Double?

    public init(temporal: TemporalOptions = .init(), minConfidence: Double? = nil) {
        self.temporal = temporal
        self.minConfidence = minConfidence
    }
}

/// The extraction pipeline: text and document date in; timexes, actors, quotes, claims and events out.
///
/// Pure: no I/O, no clock, no global state. One value can be shared across tasks. A ``Doc``
/// is made from the text (pieces, tokens, sentences, paragraphs) and passed through the
/// components of ``pipeline`` in order, each adding its layer, as spaCy's pipeline does.
public struct Extractor: Sendable {
    public let lexicon: Lexicon
    public let options: ExtractionOptions
    private let classifier: WordClassifier
    /// The stages, in the order they run.
    let pipeline: [any DocComponent]

    /// - Parameter syntax: the tagger and parser models (``SyntaxModels/bundled()`` for the shipped ones).
    public init(lexicon: Lexicon, syntax: SyntaxModels, options: ExtractionOptions = .init()) {
        self.lexicon = lexicon
        self.options = options
        let gazetteer = Gazetteer(lexicon.actors)
        let topics = TopicMatcher(lexicon.topics)
        classifier = WordClassifier(nameStarts: gazetteer.names.firstKeys, demonymStarts: gazetteer.demonyms.firstKeys,
                                    topicStarts: topics.firstKeys)
        pipeline = [
            SyntaxAnnotator(models: syntax),
            ParseRepairer(),
            TemporalAnnotator(tagger: TemporalTagger(options: options.temporal)),
            QuotationAnnotator(),
            ActorAnnotator(recognizer: ActorRecognizer(gazetteer: gazetteer)),
            VoiceAnnotator(),
            CoreferenceResolver(),
            ActorDiscovery(),
            TopicAnnotator(matcher: topics),
            AttributionAnnotator(),
            AttributionDater(),
            ClaimMaker(lexicon: lexicon, confidence: .embedded(), minConfidence: options.minConfidence),
            EventAnnotator(),
        ]
    }

    public func extract(_ text: String, dct: DocumentDate) -> Extraction {
        let doc = annotate(text, dct: dct)
        var seen = Set<Int>()
        let mentioned = doc.mentions.compactMap(\.actor).filter { seen.insert($0).inserted }.map { doc.actors[$0] }
        return Extraction(timexes: doc.timexes.map(\.timex), events: doc.events, claims: doc.claims, quotes: doc.quotes,
                          actors: mentioned)
    }

    /// The document with every layer of the pipeline.
    func annotate(_ text: String, dct: DocumentDate) -> Doc {
        var doc = Doc(text, dct: dct.day ?? CalendarDay(year: 1970, month: 1, day: 1)!, classifier: classifier)
        for component in pipeline { component.process(&doc) }
        return doc
    }
}
