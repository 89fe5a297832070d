import KubeObjects
import Logging
import Placement
import Telemetry

/// Reads one setting's value, from YAML (any JSON type) or from a flag (a string); on failure,
/// says what is allowed. Shared by the file and the flags so that both accept the same things.
enum SettingParsers {
    /// What was wrong with a value, without where it came from (the caller adds the file or flag
    /// and the key).
    struct Failure: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }

    /// How a value is shown in a message: strings quoted, others as JSON.
    static func shown(_ value: JSONValue) -> String { value.jsonString }

    static func text(_ value: JSONValue) throws(Failure) -> String {
        guard let text = value.stringValue, !text.isEmpty else {
            throw Failure("\(shown(value)) is not allowed: write a non-empty string")
        }
        return text
    }

    /// A DNS-1123 label, as namespace names must be.
    static func namespace(_ value: JSONValue) throws(Failure) -> String {
        let name = try text(value)
        let allowedCharacters = name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        guard name.count <= 63, allowedCharacters, name.first != "-", name.last != "-" else {
            throw Failure("\(shown(value)) is not a namespace name: lower-case letters, digits and '-', at most 63")
        }
        return name
    }

    static func workers(_ value: JSONValue) throws(Failure) -> Int {
        guard case .int(let number) = value, (1...1024).contains(number) else {
            throw Failure("\(shown(value)) is not allowed: write a whole number from 1 to 1024")
        }
        return Int(number)
    }

    static func flag(_ value: JSONValue) throws(Failure) -> Bool {
        if let flag = value.boolValue { return flag }
        switch value.stringValue {
        case "true": return true
        case "false": return false
        default: throw Failure("\(shown(value)) is not allowed: write true or false")
        }
    }

    /// A duration in Go syntax (`90s`, `1m30s`, `10m`), positive unless `allowZero`.
    static func duration(allowZero: Bool) -> @Sendable (JSONValue) throws(Failure) -> Duration {
        { value throws(Failure) in
            let allowed = "write a Go duration such as 30s, 1m30s or 10m" + (allowZero ? " (0 disables it)" : "")
            guard let text = value.stringValue ?? (value.intValue == 0 ? "0" : nil), let duration = GoDuration.parse(text)
            else { throw Failure("\(shown(value)) is not a duration: \(allowed)") }
            guard duration > .zero || (allowZero && duration == .zero) else {
                throw Failure("\(shown(value)) is not allowed: \(allowZero ? "it must not be negative" : "it must be positive")")
            }
            return duration
        }
    }

    /// A whole number of seconds in Go syntax: a Lease stores its duration in seconds.
    static func wholeSeconds(_ value: JSONValue) throws(Failure) -> Duration {
        let duration = try Self.duration(allowZero: false)(value)
        guard duration.components.attoseconds == 0 else {
            throw Failure("\(shown(value)) is not allowed: the lease stores whole seconds (write e.g. 15s)")
        }
        return duration
    }

    static func address(_ value: JSONValue) throws(Failure) -> TelemetryAddress {
        guard let text = value.stringValue, let address = TelemetryAddress(parsing: text) else {
            throw Failure("\(shown(value)) is not an address: write host:port, such as 0.0.0.0:8080, :8080 or [::]:8080")
        }
        return address
    }

    static func choice<Choice: RawRepresentable & CaseIterable>(_ value: JSONValue) throws(Failure) -> Choice
    where Choice.RawValue == String {
        guard let text = value.stringValue, let choice = Choice(rawValue: text) else {
            let names = Choice.allCases.map(\.rawValue).joined(separator: ", ")
            throw Failure("\(shown(value)) is not allowed: write one of \(names)")
        }
        return choice
    }

    static func formatDuration(_ duration: Duration) -> String { GoDuration.format(duration) }
}
