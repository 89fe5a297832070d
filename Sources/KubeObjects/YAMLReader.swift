import CYaml

extension JSONValue {
    /// Parses a YAML stream into one JSON value per document, typed the way Kubernetes reads YAML.
    ///
    /// Kubernetes turns YAML into JSON before it looks at it (sigs.k8s.io/yaml), so the result is
    /// what the API server would see: YAML 1.1 scalar typing as in go-yaml v2 (`on` is `true`,
    /// `0777` is 511), anchors and `<<` merge keys expanded, and anything JSON cannot express
    /// rejected: keys that are not strings, duplicate keys, `.inf` and `.nan`. An empty document
    /// (`---` followed by nothing) reads as `null`; a stream with no documents as `[]`.
    ///
    /// Every failure, including libyaml's syntax errors, is a `SourceError` pointing at the line
    /// and column (1-based; columns count Unicode scalars) of the offending node.
    public static func yamlDocuments(_ text: String, file: String? = nil) throws(SourceError) -> [JSONValue] {
        var text = text
        let result = text.withUTF8 { bytes in
            Result { () throws(SourceError) -> [JSONValue] in
                try YAMLEventReader(bytes: bytes, file: file).readStream()
            }
        }
        return try result.get()
    }
}

/// Drives libyaml's event parser over a UTF-8 buffer and feeds the events to a `YAMLComposer`.
///
/// The event API is used rather than libyaml's document loader because the loader builds a
/// second tree (and expands nothing), while events let the composer build `JSONValue`s directly
/// and check keys as they arrive, with the position of each node at hand for error messages.
private struct YAMLEventReader {
    let bytes: UnsafeBufferPointer<UInt8>
    let file: String?

    func readStream() throws(SourceError) -> [JSONValue] {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else {
            throw SourceError(file: file, line: 1, column: 1, message: "cannot initialize the YAML parser")
        }
        defer { yaml_parser_delete(parser) }
        // libyaml asserts on a null input pointer, which an empty string may have.
        let placeholder = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        defer { placeholder.deallocate() }
        yaml_parser_set_input_string(parser, bytes.baseAddress ?? UnsafePointer(placeholder), bytes.count)

        var composer = YAMLComposer(file: file)
        var documents: [JSONValue] = []
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(parser, &event) == 1 else { throw parserError(parser.pointee) }
            defer { yaml_event_delete(&event) }
            let mark = YAMLComposer.Mark(
                line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
            switch event.type.rawValue {
            case YAML_STREAM_END_EVENT.rawValue:
                return documents
            case YAML_DOCUMENT_START_EVENT.rawValue:
                composer.beginDocument()
            case YAML_DOCUMENT_END_EVENT.rawValue:
                documents.append(composer.endDocument())
            case YAML_SCALAR_EVENT.rawValue:
                let scalar = event.data.scalar
                let content = UnsafeBufferPointer(start: scalar.value, count: scalar.length)
                try composer.scalar(
                    content, plain: scalar.style.rawValue == YAML_PLAIN_SCALAR_STYLE.rawValue,
                    tag: Self.string(scalar.tag), anchor: Self.string(scalar.anchor), mark: mark)
            case YAML_ALIAS_EVENT.rawValue:
                try composer.alias(Self.string(event.data.alias.anchor) ?? "", mark: mark)
            case YAML_SEQUENCE_START_EVENT.rawValue:
                let anchor = Self.string(event.data.sequence_start.anchor)
                try composer.beginCollection(isMapping: false, anchor: anchor, mark: mark)
            case YAML_MAPPING_START_EVENT.rawValue:
                let anchor = Self.string(event.data.mapping_start.anchor)
                try composer.beginCollection(isMapping: true, anchor: anchor, mark: mark)
            case YAML_SEQUENCE_END_EVENT.rawValue, YAML_MAPPING_END_EVENT.rawValue:
                try composer.endCollection()
            default:
                break  // stream start; no event
            }
        }
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    /// Turns libyaml's error state into a `SourceError`: the problem, where it was found, and
    /// what libyaml was reading at the time ("while parsing a block mapping that starts at…").
    private func parserError(_ parser: yaml_parser_t) -> SourceError {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        switch parser.error {
        case YAML_MEMORY_ERROR:
            return SourceError(file: file, line: 1, column: 1, message: "out of memory while reading YAML")
        case YAML_READER_ERROR:
            // Encoding errors carry a byte offset rather than a mark.
            let (line, column) = position(ofByte: Int(parser.problem_offset))
            var message = problem
            if parser.problem_value != -1 {
                let hex = String(parser.problem_value, radix: 16, uppercase: true)
                message += " (byte 0x\(hex.count < 2 ? "0" + hex : hex))"
            }
            return SourceError(file: file, line: line, column: column, message: message)
        default:
            var message = problem
            if let context = parser.context.map({ String(cString: $0) }) {
                let start = parser.context_mark
                message += " (\(context) that starts at line \(start.line + 1), column \(start.column + 1))"
            }
            return SourceError(
                file: file, line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1,
                message: message)
        }
    }

    /// The 1-based line and column of a byte offset, counting columns in Unicode scalars as libyaml does.
    private func position(ofByte offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for byte in bytes[..<min(offset, bytes.count)] {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }
}
