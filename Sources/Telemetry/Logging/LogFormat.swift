/// How log lines are written: `json` for a log pipeline (one object per line), `text` for a
/// person reading a terminal (logfmt: `ts=… level=info msg="…" key=value`).
public enum LogFormat: String, Sendable, CaseIterable {
    case json
    case text
}
