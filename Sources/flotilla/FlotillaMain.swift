import ArgumentParser
import FlotillaCLI

/// The process entry point. argument-parser runs commands that `await` (such as `sim-apiserver`)
/// only from an `AsyncParsableCommand` marked `@main`; the commands themselves live in FlotillaCLI.
@main
struct FlotillaMain: AsyncParsableCommand {
    static let configuration = Flotilla.configuration

    static func main() async { await Flotilla.runClosingConnections() }
}
