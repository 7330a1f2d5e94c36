import Foundation
import TOMLKit

/// How likely a claim is right, from the signals that found it (``ClaimSignals``): a logistic
/// model fitted on annotated articles. Its weights are data (`Resources/claim-confidence.toml`,
/// written by `Tools/fit-confidence.py`), as is the probability below which a claim is left out
/// unless the settings say otherwise (`min_confidence`).
struct ConfidenceModel: Sendable {
    let intercept: Double
    let weights: [String: Double]
    /// The default `min_confidence`: where the fitted articles' F1 peaked.
    let threshold: Double

    func probability(_ signals: [String: Double]) -> Double {
        var z = intercept
        for (name, value) in signals { z += (weights[name] ?? 0) * value }
        return 1 / (1 + exp(-z))
    }

    /// The model compiled into the binary.
    static func embedded() -> ConfidenceModel {
        // The embedded file is part of the build and is parsed by the tests; failure is a build defect.
        try! parse(String(decoding: PackageResources.claim_confidence_toml, as: UTF8.self))
    }

    static func parse(_ toml: String) throws -> ConfidenceModel {
        let table = try TOMLTable(string: toml)
        var weights: [String: Double] = [:]
        for (name, value) in table["weights"]?.table ?? TOMLTable() {
            weights[name] = value.double ?? value.int.map(Double.init)
        }
        return ConfidenceModel(intercept: table["intercept"]?.double ?? 0, weights: weights, threshold: table["threshold"]?.double ?? 0)
    }
}
