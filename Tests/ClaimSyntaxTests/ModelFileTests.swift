import Foundation
import Testing
@testable import ClaimSyntax

@Suite struct ModelFileTests {
    @Test func roundTripThroughAFile() throws {
        let r = tinyModels.result
        let dir = temporaryPath("roundtrip")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try write(r.tagger, to: dir + "/tagger.model")
        try write(r.parser, to: dir + "/parser.model")
        let loaded = try SyntaxModels.load(directory: dir)
        let words = ["Tarvia", "signed", "the", "treaty", "."]
        #expect(loaded.tagger.tag(words) == tinyModels.models.tagger.tag(words))
        let tags = loaded.tagger.tag(words)
        #expect(loaded.parser.parse(words, tags: tags) == tinyModels.models.parser.parse(words, tags: tags))
        #expect(loaded.tagger.credit == SyntaxTrainer.ewtCredit)
        #expect(loaded.parser.provenance.contains("train=tiny"))
    }

    @Test func flippedPayloadByteFailsTheChecksum() throws {
        for model in [tinyModels.result.tagger, tinyModels.result.parser] {
            var bytes = model
            bytes[bytes.count / 2] ^= 0x01
            do {
                _ = try loadEither(bytes, kindOf: model)
                Issue.record("corrupt model loaded")
            } catch let e {
                guard case .checksumMismatch = e else { Issue.record("unexpected \(e)"); continue }
                #expect(e.description.contains("corrupt"))
            }
        }
    }

    @Test func everyFlippedHeaderByteIsCaught() throws {
        let model = tinyModels.result.parser
        for i in 0..<ModelFile.headerSize {
            var bytes = model
            bytes[i] ^= 0x10
            #expect(throws: ModelFileError.self) { try DependencyParser.load(bytes: bytes) }
        }
    }

    @Test func truncatedFilesFail() throws {
        let model = tinyModels.result.tagger
        for cut in [0, 5, 20, 31, 32, 100, model.count / 2, model.count - 1] {
            let bytes = Array(model.prefix(cut))
            do {
                _ = try PartOfSpeechTagger.load(bytes: bytes, path: "cut.model")
                Issue.record("truncated model (\(cut) bytes) loaded")
            } catch let e {
                guard case .truncated(let path, _, let actual) = e else { Issue.record("cut \(cut): unexpected \(e)"); continue }
                #expect(path == "cut.model")
                #expect(actual == cut)
            }
        }
    }

    @Test func wrongVersionMagicKindAndMissing() throws {
        var bytes = tinyModels.result.tagger
        bytes[8] = 99
        #expect(throws: ModelFileError.unsupportedVersion(path: "<memory>", found: 99, supported: ModelFile.currentVersion)) {
            try PartOfSpeechTagger.load(bytes: bytes)
        }
        var magic = tinyModels.result.tagger
        magic[0] = UInt8(ascii: "X")
        #expect(throws: ModelFileError.badMagic(path: "<memory>")) { try PartOfSpeechTagger.load(bytes: magic) }
        #expect(throws: ModelFileError.wrongKind(path: "<memory>", expected: "TAGR", found: "PARS")) {
            try PartOfSpeechTagger.load(bytes: tinyModels.result.parser)
        }
        let missing = temporaryPath("does-not-exist.model")
        #expect(throws: ModelFileError.missing(path: missing)) { try DependencyParser.load(path: missing) }
        #expect(ModelFileError.missing(path: missing).description.contains(missing))
    }

    @Test func crcKnownValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([UInt8]()) == 0)
        let long = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let split = long.withUnsafeBytes { b in
            CRC32.checksum(UnsafeRawBufferPointer(rebasing: b[500...]), continuing: CRC32.checksum(UnsafeRawBufferPointer(rebasing: b[..<500])))
        }
        #expect(split == CRC32.checksum(long))
    }

    private func loadEither(_ bytes: [UInt8], kindOf original: [UInt8]) throws(ModelFileError) -> Any {
        if original[12] == UInt8(ascii: "T") { return try PartOfSpeechTagger.load(bytes: bytes) }
        return try DependencyParser.load(bytes: bytes)
    }
}
