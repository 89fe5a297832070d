#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// What Linux reports about a process in `/proc`: its peak resident set and the CPU it used.
///
/// Linux only. On a system without `/proc` every figure reads as `nil`, and the table shows "-".
enum ProcessMetrics {
    /// The highest resident set size this process has had, in bytes (`VmHWM`). It counts only
    /// this process: the simulated API servers run in a child of their own so that their
    /// objects do not inflate it.
    static func peakResidentBytes() -> Int? {
        statusField("VmHWM").map { $0 * 1024 }
    }

    /// The resident set size now, in bytes (`VmRSS`).
    static func residentBytes() -> Int? {
        statusField("VmRSS").map { $0 * 1024 }
    }

    /// User plus system CPU time of this process (all threads, not children), in seconds, to
    /// the nanosecond.
    static func cpuSeconds() -> Double? {
        var time = timespec()
        guard clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time) == 0 else { return nil }
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }

    /// User plus system CPU time of process `pid`, in seconds, to the clock tick (10 ms).
    /// Threads are included; children are not.
    static func cpuSeconds(pid: String) -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let commandEnd = text.lastIndex(of: ")")
        else { return nil }
        // Fields after the command name, which may itself contain spaces: state is field 3,
        // so utime (field 14) and stime (field 15) are at offsets 11 and 12.
        let fields = text[text.index(after: commandEnd)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        return (user + system) / ticks
    }

    /// A `kB` field of `/proc/self/status`, as a number of kB.
    private static func statusField(_ name: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
            return line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first.flatMap { Int($0) }
        }
        return nil
    }
}
