// STUB: replaced by the jsonpatch command.
import ArgumentParser

struct JSONPatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "jsonpatch", abstract: "Apply an RFC 6902 JSON patch.")
}
