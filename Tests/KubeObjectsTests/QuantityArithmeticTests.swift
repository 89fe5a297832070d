import KubeObjects
import Testing

/// Exact sums and differences, and the text they print as.
@Suite struct QuantityArithmeticTests {
    static func q(_ text: String) -> Quantity { try! Quantity(parsing: text) }

    @Test(arguments: [
        ("100m", "100m", "200m"), ("0.1", "0.2", "300m"), ("1", "500m", "1500m"), ("8", "8", "16"),
        ("16Gi", "16Gi", "32Gi"), ("512Gi", "512Gi", "1Ti"), ("1Ki", "1", "1025"), ("1k", "1", "1001"),
        ("999", "1", "1k"), ("1u", "1n", "1001n"), ("-2", "3", "1"), ("2", "-3", "-1"), ("0", "7Gi", "7Gi"),
        ("1e-12", "1e-12", "2e-12"),
    ])
    func sumsAreExactAndPrintCanonically(_ lhs: String, _ rhs: String, _ sum: String) {
        let result = Self.q(lhs) + Self.q(rhs)
        #expect(result == Self.q(sum))
        #expect(result.description == sum)
    }

    @Test(arguments: [
        ("16", "6", "10"), ("4", "6", "-2"), ("1Ti", "512Gi", "512Gi"), ("1", "1", "0"), ("126", "500m", "125500m"),
        ("3", "3000m", "0"),
    ])
    func differencesAreExactAndMayGoBelowZero(_ lhs: String, _ rhs: String, _ difference: String) {
        let result = Self.q(lhs) - Self.q(rhs)
        #expect(result == Self.q(difference))
        #expect(result.description == difference)
    }

    @Test func tenthsAddUpToAWholeWithoutRoundingError() {
        var total = Quantity.zero
        for _ in 0..<10 { total += Self.q("0.1") }
        #expect(total == Self.q("1"))
        total -= Self.q("1")
        #expect(total.isZero)
    }

    @Test func operandsTooFarApartKeepTheLargerInsteadOfBuildingABillionDigits() {
        let huge = Self.q("1e999999999")
        #expect(huge + Self.q("1") == huge)
        #expect((Self.q("1") - huge) == huge.negated)
    }
}
