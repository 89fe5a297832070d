/// Path arithmetic for configuration files, kept to the two operations kubectl needs.
enum ConfigPath {
    /// The directory part of `path` (`/home/a/.kube` for `/home/a/.kube/config`, `.` for `config`).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let directory = String(path[..<slash])
        return directory.isEmpty ? "/" : directory
    }

    /// Resolves `path` against `directory` as kubectl resolves a kubeconfig's file references: an
    /// absolute path stays as it is; a relative one is taken from the kubeconfig's own directory,
    /// not from the working directory. Without a directory (a config read from a string) the path
    /// is left alone.
    static func resolve(_ path: String, against directory: String?) -> String {
        // A kubeconfig in the working directory keeps `./plugin` as written: dropping the `./`
        // would turn a path into a bare name, which is looked up in PATH instead.
        guard let directory, directory != ".", !path.isEmpty, !path.hasPrefix("/") else { return path }
        var relative = Substring(path)
        while relative.hasPrefix("./") { relative = relative.dropFirst(2) }
        return directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
    }
}
