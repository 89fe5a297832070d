import ArgumentParser
import Foundation
import KubeObjects

/// `flotilla jsonpatch <document> <patch>`: applies an RFC 6902 patch the way Flotilla's overrides will,
/// so that a user can check an override patch against a manifest before a policy uses it.
///
/// Output is JSON on stdout and nothing else, so that it pipes into `jq` or `kubectl apply -f -`.
/// Every failure is one `error:` line on stderr and exit status 1, with the file it came from.
struct JSONPatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jsonpatch",
        abstract: "Apply an RFC 6902 JSON patch to a JSON or YAML document.",
        discussion: """
            <document> must hold exactly one document; <patch> must hold one document, an array \
            of operations. Either may be "-" to read standard input, but not both. The patch applies \
            whole or not at all: on any error nothing is printed on standard output.
            """
    )

    @Argument(help: "The document to patch, JSON or YAML: a file, or - for standard input.")
    var document: String

    @Argument(help: "The patch, a JSON or YAML array of operations: a file, or - for standard input.")
    var patch: String

    @Flag(help: "Indent the output by two spaces instead of printing one line.")
    var pretty = false

    func run() throws {
        let patched: JSONValue
        do {
            patched = try patchedDocument()
        } catch {
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            throw ExitCode(1)
        }
        print(pretty ? patched.prettyJSONString : patched.jsonString)
    }

    private func patchedDocument() throws(CommandFailure) -> JSONValue {
        guard document != "-" || patch != "-" else {
            throw CommandFailure("<document> and <patch> cannot both be standard input (-)")
        }
        let target = try readSingleDocument(document)
        let operations = try readSingleDocument(patch)
        do {
            return try JSONPatch(document: operations).apply(to: target)
        } catch {
            throw CommandFailure("\(Self.displayName(patch)): \(error)")
        }
    }

    /// The one document in a file; a YAML stream with several is an error rather than a guess.
    private func readSingleDocument(_ path: String) throws(CommandFailure) -> JSONValue {
        let name = Self.displayName(path)
        let text = try Self.readText(path)
        let documents: [JSONValue]
        do {
            documents = try KubeDocuments.read(text, file: name)
        } catch {
            throw CommandFailure(error.description)
        }
        guard documents.count == 1 else {
            throw CommandFailure("\(name): expected one document, found \(documents.count)")
        }
        return documents[0]
    }

    private static func displayName(_ path: String) -> String {
        path == "-" ? "<stdin>" : path
    }

    /// Reads a whole file, or standard input for `-`, as UTF-8. POSIX calls rather than
    /// Foundation's, so that the message is the system's own ("No such file or directory").
    private static func readText(_ path: String) throws(CommandFailure) -> String {
        let name = displayName(path)
        let descriptor = path == "-" ? STDIN_FILENO : open(path, O_RDONLY)
        guard descriptor >= 0 else { throw CommandFailure("\(name): \(systemError())") }
        defer { if descriptor != STDIN_FILENO { close(descriptor) } }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw CommandFailure("\(name): \(systemError())")
            }
            bytes.append(contentsOf: chunk[..<count])
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CommandFailure("\(name): not valid UTF-8")
        }
        return text
    }

    private static func systemError() -> String {
        String(cString: strerror(errno))
    }
}

/// A failure already phrased for the user, file name included.
private struct CommandFailure: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
