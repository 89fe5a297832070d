/// Reads Prometheus' text format 0.0.4 back, independently of how `MetricsRegistry` writes it,
/// so that tests compare values instead of matching the text: what a scraper would see.
struct Exposition: Equatable {
    struct Sample: Equatable, Hashable {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    var help: [String: String] = [:]
    var types: [String: String] = [:]
    var samples: [Sample] = []
    /// Family names in the order of their HELP lines.
    var familyOrder: [String] = []

    struct ParseError: Error, CustomStringConvertible {
        var line: Int
        var message: String
        var description: String { "line \(line): \(message)" }
    }

    init(parsing text: String) throws {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            if line.isEmpty { continue }
            if line.hasPrefix("# HELP ") {
                let rest = line.dropFirst(7)
                guard let space = rest.firstIndex(of: " ") else { throw ParseError(line: number, message: "HELP without text") }
                let name = String(rest[..<space])
                help[name] = try Self.unescape(rest[rest.index(after: space)...], quote: false, line: number)
                familyOrder.append(name)
            } else if line.hasPrefix("# TYPE ") {
                let parts = line.dropFirst(7).split(separator: " ")
                guard parts.count == 2 else { throw ParseError(line: number, message: "bad TYPE line") }
                types[String(parts[0])] = String(parts[1])
            } else {
                samples.append(try Self.sample(line, number))
            }
        }
    }

    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        samples.first { $0.name == name && $0.labels == labels }?.value
    }

    private static func sample(_ line: Substring, _ number: Int) throws -> Sample {
        var rest = line[...]
        let nameEnd = rest.firstIndex { $0 == "{" || $0 == " " } ?? rest.endIndex
        let name = String(rest[..<nameEnd])
        rest = rest[nameEnd...]
        var labels: [String: String] = [:]
        if rest.first == "{" {
            rest = rest.dropFirst()
            while rest.first != "}" {
                guard let equals = rest.firstIndex(of: "="), rest[rest.index(after: equals)] == "\"" else {
                    throw ParseError(line: number, message: "bad label in \(line)")
                }
                let labelName = String(rest[..<equals])
                rest = rest[rest.index(equals, offsetBy: 2)...]
                var raw = ""
                var escaped = false
                while let character = rest.first {
                    rest = rest.dropFirst()
                    if escaped { raw += "\\" + String(character); escaped = false; continue }
                    if character == "\\" { escaped = true; continue }
                    if character == "\"" { break }
                    raw.append(character)
                }
                labels[labelName] = try unescape(raw[...], quote: true, line: number)
                if rest.first == "," { rest = rest.dropFirst() }
                guard !rest.isEmpty else { throw ParseError(line: number, message: "unterminated label set") }
            }
            rest = rest.dropFirst()
        }
        guard rest.first == " " else { throw ParseError(line: number, message: "no space before the value") }
        let text = rest.dropFirst()
        let value: Double? = switch text {
        case "+Inf": .infinity
        case "-Inf": -.infinity
        case "NaN": .nan
        default: Double(text)
        }
        guard let value else { throw ParseError(line: number, message: "bad value \(text)") }
        return Sample(name: name, labels: labels, value: value)
    }

    private static func unescape(_ text: Substring, quote: Bool, line: Int) throws -> String {
        var result = ""
        var iterator = text.makeIterator()
        while let character = iterator.next() {
            guard character == "\\" else { result.append(character); continue }
            switch iterator.next() {
            case "\\": result += "\\"
            case "n": result += "\n"
            case "\"" where quote: result += "\""
            case let other: throw ParseError(line: line, message: "bad escape \\\(other.map(String.init) ?? "")")
            }
        }
        return result
    }
}
