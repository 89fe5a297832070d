import Testing
@testable import Placement

@Suite struct TimestampTests {
    @Test(arguments: [
        ("1970-01-01T00:00:00Z", Int64(0)),
        ("2026-11-23T10:00:00Z", Int64(1_795_428_000)),
        ("2026-11-23T12:00:00+02:00", Int64(1_795_428_000)),
        ("2026-11-23T09:30:00.123-00:30", Int64(1_795_428_000)),
        ("2000-02-29T23:59:59Z", Int64(951_868_799)),
    ])
    func readsRFC3339TimesAsSecondsSinceTheEpoch(text: String, seconds: Int64) {
        #expect(Timestamp(rfc3339: text)?.secondsSinceEpoch == seconds)
    }

    @Test(arguments: ["", "2026-11-23", "2026-13-01T00:00:00Z", "2026-11-23T10:00:00", "2026-11-23 10:00:00Z"])
    func rejectsTextThatIsNotRFC3339(text: String) {
        #expect(Timestamp(rfc3339: text) == nil)
    }

    @Test func printsUTCBackInRFC3339() {
        #expect(Timestamp(secondsSinceEpoch: 1_795_428_000).description == "2026-11-23T10:00:00Z")
        #expect(Timestamp(secondsSinceEpoch: 951_868_799).description == "2000-02-29T23:59:59Z")
    }
}
