import Testing
@testable import Placement

@Suite("Timestamps")
struct TimestampTests {
    @Test("RFC 3339 times read as nanoseconds since the epoch, offsets and fractions included", arguments: [
        ("1970-01-01T00:00:00Z", Int64(0)),
        ("2026-11-23T10:00:00Z", Int64(1_795_428_000_000_000_000)),
        ("2026-11-23T12:00:00+02:00", Int64(1_795_428_000_000_000_000)),
        ("2026-11-23T09:30:00.123-00:30", Int64(1_795_428_000_123_000_000)),
        ("2026-11-23T10:00:00.5Z", Int64(1_795_428_000_500_000_000)),
        ("1970-01-01T00:00:00.000000001Z", Int64(1)),
        ("1969-12-31T23:59:59.75Z", Int64(-250_000_000)),
        ("2000-02-29T23:59:59Z", Int64(951_868_799_000_000_000)),
    ])
    func readsRFC3339(text: String, nanoseconds: Int64) {
        #expect(Timestamp(rfc3339: text)?.nanosecondsSinceEpoch == nanoseconds)
    }

    @Test("Fraction digits beyond the nanosecond are dropped, as Go drops them")
    func dropsDigitsBeyondNanoseconds() {
        #expect(Timestamp(rfc3339: "1970-01-01T00:00:00.1234567899Z")?.nanosecondsSinceEpoch == 123_456_789)
    }

    @Test("Whole seconds count down from the fraction, also before the epoch")
    func secondsRoundDown() {
        #expect(Timestamp(rfc3339: "2026-11-23T10:00:00.999Z")?.secondsSinceEpoch == 1_795_428_000)
        #expect(Timestamp(rfc3339: "1969-12-31T23:59:59.75Z")?.secondsSinceEpoch == -1)
        #expect(Timestamp(secondsSinceEpoch: 951_868_799).nanosecondsSinceEpoch == 951_868_799_000_000_000)
    }

    @Test(
        "Text that is not RFC 3339 is rejected",
        arguments: ["", "2026-11-23", "2026-13-01T00:00:00Z", "2026-11-23T10:00:00", "2026-11-23 10:00:00Z",
                    "2026-11-23T10:00:00.Z", "2026-11-23T10:00:00.5"])
    func rejectsTextThatIsNotRFC3339(text: String) {
        #expect(Timestamp(rfc3339: text) == nil)
    }

    @Test("Times beyond what Int64 nanoseconds hold clamp to the nearest end and still compare as later or earlier")
    func farTimesClamp() throws {
        let farFuture = try #require(Timestamp(rfc3339: "9999-12-31T23:59:59Z"))
        let farPast = try #require(Timestamp(rfc3339: "0001-01-01T00:00:00Z"))
        #expect(farFuture.nanosecondsSinceEpoch == .max)
        #expect(farPast.nanosecondsSinceEpoch == .min)
        #expect(farPast < Timestamp(secondsSinceEpoch: 0) && Timestamp(secondsSinceEpoch: 0) < farFuture)
    }

    @Test("Times print back in UTC RFC 3339, with a fraction only when there is one")
    func printsUTCBackInRFC3339() {
        #expect(Timestamp(secondsSinceEpoch: 1_795_428_000).description == "2026-11-23T10:00:00Z")
        #expect(Timestamp(secondsSinceEpoch: 951_868_799).description == "2000-02-29T23:59:59Z")
        #expect(Timestamp(nanosecondsSinceEpoch: 1_795_428_000_120_000_000).description == "2026-11-23T10:00:00.12Z")
        #expect(Timestamp(nanosecondsSinceEpoch: 1).description == "1970-01-01T00:00:00.000000001Z")
        #expect(Timestamp(nanosecondsSinceEpoch: -250_000_000).description == "1969-12-31T23:59:59.75Z")
        let text = "2026-11-23T09:30:00.123456789Z"
        #expect(Timestamp(rfc3339: text)?.description == text)
    }

    @Test("Adding a duration and subtracting timestamps work to the nanosecond")
    func arithmetic() throws {
        let start = try #require(Timestamp(rfc3339: "2026-11-23T10:00:00.75Z"))
        let later = start + .milliseconds(1_500)
        #expect(later == Timestamp(rfc3339: "2026-11-23T10:00:02.25Z"))
        #expect(later - start == .milliseconds(1_500))
        #expect(start - later == .milliseconds(-1_500))
        #expect(later - .milliseconds(1_500) == start)
        #expect(start + .nanoseconds(1) - start == .nanoseconds(1))
        #expect((Timestamp(nanosecondsSinceEpoch: .max) + .seconds(1)).nanosecondsSinceEpoch == .max)
        #expect(Timestamp(nanosecondsSinceEpoch: .max) - Timestamp(nanosecondsSinceEpoch: .min)
            == .nanoseconds(Int64.max) + .nanoseconds(Int64.max) + .nanoseconds(1))
    }
}
