import Foundation

/// The human-readable table: every figure with its target and whether it is met, and the
/// machine it ran on, since every figure depends on it.
struct Report {
    let figures: [Figure]
    let scale: Scale

    var table: String {
        let width = max(24, figures.map(\.name.count).max() ?? 0)
        var lines = ["claimd-bench, scale \(scale.rawValue), on \(Machine.description)", ""]
        lines.append(pad("figure", width) + "  " + pad("value", 10, left: true) + "  " + pad("unit", 9) + "  " + pad("target", 9) + "  ")
        lines.append(String(repeating: "-", count: width + 40))
        for figure in figures {
            let verdict = figure.target.map { $0.isMet(by: figure.value) ? "ok" : "MISSED" } ?? ""
            lines.append(pad(figure.name, width) + "  " + pad(Figure.format(figure.value), 10, left: true) + "  "
                         + pad(figure.unit, 9) + "  " + pad(figure.target?.description ?? "", 9) + "  " + verdict)
        }
        if scale != .full {
            lines += ["", "Scale \(scale.rawValue): the sizes are below those the targets are stated for (see Benchmarks/README.md)."]
        }
        return lines.joined(separator: "\n")
    }

    private func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - text.count))
        return left ? fill + text : text + fill
    }
}

/// The CPU, core count, memory and load of this machine, from /proc.
enum Machine {
    static var description: String {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
        let memory = ProcessInfo.processInfo.physicalMemory / (1 << 30)
        let load = ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "").split(separator: " ").first ?? "?"
        return "\(model), \(ProcessInfo.processInfo.activeProcessorCount) cores, \(memory) GiB, load \(load)"
    }
}
