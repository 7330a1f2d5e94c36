/// A CSV record as RFC 4180 has it: fields with a comma, a quote or a line break quoted, quotes
/// doubled, lines ended by CRLF.
func csvRecord(_ fields: [String]) -> String {
    fields.map { field in
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }.joined(separator: ",") + "\r\n"
}
