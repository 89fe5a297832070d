import Testing
import KubeObjects

@Suite struct QuantityTests {
    @Test(arguments: [
        ("1n", 1, 1), ("5u", 1, 1), ("100m", 1, 100), ("1500m", 2, 1500), ("2", 2, 2000),
        ("1k", 1000, 1_000_000), ("3M", 3_000_000, 3_000_000_000), ("1G", 1_000_000_000, 1_000_000_000_000),
        ("1T", 1_000_000_000_000, 1_000_000_000_000_000), ("1P", 1_000_000_000_000_000, 1_000_000_000_000_000_000),
        ("2E", 2_000_000_000_000_000_000, .max),
    ] as [(String, Int64, Int64)])
    func decimalSuffixesScaleByPowersOfTen(_ text: String, _ value: Int64, _ milliValue: Int64) throws {
        let quantity = try Quantity(parsing: text)
        #expect(quantity.value == value)
        #expect(quantity.milliValue == milliValue)
    }

    @Test(arguments: [
        ("1Ki", 1024), ("1Mi", 1_048_576), ("2Gi", 2_147_483_648), ("1Ti", 1_099_511_627_776),
        ("1Pi", 1_125_899_906_842_624), ("1Ei", 1_152_921_504_606_846_976), ("1.5Gi", 1_610_612_736),
        ("0.5Ki", 512), ("0.1Ki", 103), ("7Ei", 8_070_450_532_247_928_832), ("8Ei", .max),
    ] as [(String, Int64)])
    func binarySuffixesScaleByPowersOfTwoExactly(_ text: String, _ value: Int64) throws {
        #expect(try Quantity(parsing: text).value == value)
    }

    @Test(arguments: [
        ("1e3", 1000), ("1E3", 1000), ("12E-1", 2), ("1.5e2", 150), ("1e+2", 100), ("5e-1", 1), ("1E", 1_000_000_000_000_000_000),
        ("1e18", 1_000_000_000_000_000_000), ("1e19", .max), ("1e999999999999", .max), ("1e-999999999999", 1),
    ] as [(String, Int64)])
    func decimalExponentsScaleByTheirPowerOfTen(_ text: String, _ value: Int64) throws {
        #expect(try Quantity(parsing: text).value == value)
    }

    @Test(arguments: [
        ("100m", 1), ("1.5", 2), ("0.5", 1), ("1.0", 1), ("1.001", 2), ("-1.5", -2), ("-100m", -1), ("-2", -2),
        ("+3", 3), (".5", 1), ("5.", 5), ("0", 0), ("-0", 0), ("0.000", 0),
    ] as [(String, Int64)])
    func valueRoundsFractionsAwayFromZeroLikeGo(_ text: String, _ value: Int64) throws {
        #expect(try Quantity(parsing: text).value == value)
    }

    @Test(arguments: [
        ("100m", 100), ("0.1", 100), ("0.001", 1), ("0.0001", 1), ("1.5", 1500), ("250m", 250), ("1u", 1),
        ("-0.0001", -1), ("0.1Ki", 102_400), ("12345678901234567", .max),
    ] as [(String, Int64)])
    func milliValueIsExactWithoutFloatingPoint(_ text: String, _ milliValue: Int64) throws {
        #expect(try Quantity(parsing: text).milliValue == milliValue)
    }

    @Test func valuesSaturateAtTheLimitsOfInt64() throws {
        #expect(try Quantity(parsing: "9223372036854775807").value == .max)
        #expect(try Quantity(parsing: "9223372036854775808").value == .max)
        #expect(try Quantity(parsing: "-9223372036854775808").value == .min)
        #expect(try Quantity(parsing: "-9223372036854775809").value == .min)
        #expect(try Quantity(parsing: "-99999999999999999999999999").milliValue == .min)
        #expect(Quantity(.min).value == .min)
        #expect(Quantity(.max).value == .max)
    }

    @Test(arguments: ["", "1.2.3", "Mi", "1 Gi", " 1", "1 ", "1mi", "1K", "1KI", "1gi", "1e", "1e+", "1e1.5", "1ee3", "--1", "+-1", ".", "-", "e3", "1Gi ", "1,5", "0x10", "1m1"])
    func rejectsMalformedQuantities(_ text: String) {
        #expect(throws: QuantityError.self) { try Quantity(parsing: text) }
    }

    @Test func errorsNameTheTextAndTheProblem() {
        #expect(throws: QuantityError(text: "Mi", message: "missing the number before the suffix")) {
            try Quantity(parsing: "Mi")
        }
        do {
            _ = try Quantity(parsing: "1mi")
        } catch {
            #expect(error.description.hasPrefix(#"invalid quantity "1mi": unknown suffix "mi""#))
        }
    }

    @Test func equalQuantitiesAreTheSameNumberWhateverTheirSpelling() throws {
        let pairs = [("1Ki", "1024"), ("0.5", "500m"), ("1e3", "1k"), ("1.50", "1500m"), ("0", "-0.0n"), ("1Mi", "1024Ki")]
        for (left, right) in pairs {
            let a = try Quantity(parsing: left)
            let b = try Quantity(parsing: right)
            #expect(a == b, "\(left) == \(right)")
            #expect(a.hashValue == b.hashValue, "\(left) hashes like \(right)")
        }
        #expect(try Quantity(parsing: "1") != Quantity(parsing: "1001m"))
        #expect(try Quantity(parsing: "500m") == Quantity(parsing: "0.5"))
    }

    @Test func quantitiesOrderByValue() throws {
        let texts = ["-1Ki", "-1", "-1m", "0", "1n", "999m", "1", "1001m", "1k", "1Ki", "1G", "1Gi"]
        let quantities = try texts.map { try Quantity(parsing: $0) }
        #expect(quantities.shuffled().sorted() == quantities)
        #expect(try Quantity(parsing: "2") > Quantity(parsing: "1999m"))
    }

    @Test func printsTheTextItWasWrittenAs() throws {
        #expect(try Quantity(parsing: "1.5Gi").description == "1.5Gi")
        #expect(Quantity(-42).description == "-42")
        #expect(Quantity(-42).value == -42)
        #expect(Quantity(0).isZero)
    }

    @Test(arguments: [
        (JSONValue.int(2), Int64(2000)), (.string("2"), 2000), (.string("250m"), 250), (.double(0.5), 500),
        (.double(0.1), 100), (.double(1e3), 1_000_000), (.double(-1.5), -1500), (.double(1e-5), 1),
    ])
    func readsQuantitiesFromManifestStringsAndNumbers(_ json: JSONValue, _ milliValue: Int64) {
        #expect(Quantity(json: json)?.milliValue == milliValue)
    }

    @Test(arguments: [JSONValue.null, .bool(true), .string("2 cpus"), .array([1]), .object(JSONObject()), .double(.infinity)])
    func rejectsManifestValuesThatAreNotQuantities(_ json: JSONValue) {
        #expect(Quantity(json: json) == nil)
    }
}
