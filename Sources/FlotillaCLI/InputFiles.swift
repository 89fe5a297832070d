import Foundation
import KubeClient
import KubeObjects

/// Reads the files named on the command line the way `kubectl -f` does: a file, a directory (its
/// `.yaml`, `.yml` and `.json` files, in name order), or `-` for standard input.
enum InputFiles {
    struct ReadError: Error, CustomStringConvertible {
        var description: String
    }

    /// The text of one input, with the name to use in error messages.
    static func text(of path: String) throws -> (name: String, text: String) {
        if path == "-" {
            let bytes: [UInt8]
            do { bytes = try BlockingRead.toEnd(FileHandle.standardInput) } catch {
                throw ReadError(description: "<stdin>: \(error)")
            }
            guard let text = String(bytes: bytes, encoding: .utf8) else {
                throw ReadError(description: "<stdin>: not valid UTF-8 text")
            }
            return ("<stdin>", text)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                throw ReadError(description: "\(path): cannot read the file (permission denied?)")
            }
            throw ReadError(description: "\(path): no such file or directory")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ReadError(description: "\(path): not valid UTF-8 text")
        }
        return (path, text)
    }

    /// Every object in `paths`, in order; directories expand to their manifest files.
    static func objects(in paths: [String]) throws -> [JSONValue] {
        var objects: [JSONValue] = []
        for path in try expand(paths) {
            let (name, text) = try text(of: path)
            do {
                objects += try KubeDocuments.read(text, file: name)
            } catch {
                throw ReadError(description: error.description)
            }
        }
        return objects
    }

    static func expand(_ paths: [String]) throws -> [String] {
        var result: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            if path != "-", FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                let names = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
                let manifests = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".json") }
                result += manifests.map { (path as NSString).appendingPathComponent($0) }
            } else {
                result.append(path)
            }
        }
        return result
    }
}

/// Writes to standard error, for messages that must not mix with the command's output.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Writes a line to standard output at once, for long-running commands whose output is watched
/// through a pipe (where `print` would sit in a buffer).
func printUnbuffered(_ message: String) {
    FileHandle.standardOutput.write(Data((message + "\n").utf8))
}
