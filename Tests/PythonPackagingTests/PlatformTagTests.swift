import Testing

@testable import PythonPackaging

@Suite struct PlatformTagTests {
    // Expected values from Warehouse's forklift/legacy.py::_valid_platform_tag, run under CPython.
    @Test(arguments: [
        ("any", true),
        ("win32", true),
        ("win_amd64", true),
        ("win_arm64", true),
        ("win_ia64", true),
        ("linux_x86_64", false),
        ("linux_armv6l", true),
        ("linux_armv7l", true),
        ("linux_aarch64", false),
        ("manylinux1_x86_64", true),
        ("manylinux1_i686", true),
        ("manylinux1_aarch64", false),
        ("manylinux2010_x86_64", true),
        ("manylinux2014_s390x", true),
        ("manylinux2014_riscv64", false),
        ("manylinux_2_17_x86_64", true),
        ("manylinux_2_28_aarch64", true),
        ("manylinux_2_31_riscv64", true),
        ("manylinux_2_17_ppc64", true),
        ("musllinux_1_2_ppc64", false),
        ("musllinux_1_1_x86_64", true),
        ("manylinux_2_17_sparc", false),
        ("manylinux_2_x86_64", false),
        ("manylinux_٢_١٧_x86_64", true),
        ("macosx_10_9_x86_64", true),
        ("macosx_10_15_universal2", true),
        ("macosx_10_6_intel", true),
        ("macosx_10_9_arm7", false),
        ("macosx_11_0_arm64", true),
        ("macosx_11_1_arm64", false),
        ("macosx_14_0_universal2", true),
        ("macosx_16_0_arm64", false),
        ("macosx_26_0_arm64", true),
        ("macosx_27_0_arm64", false),
        ("macosx_10_١_x86_64", true),
        ("macosx_9_0_x86_64", false),
        ("ios_13_0_arm64_iphoneos", true),
        ("ios_13_0_arm64_iphonesimulator", true),
        ("ios_13_0_x86_64_iphonesimulator", true),
        ("ios_13_0_arm64_iphoneos_extra", true),
        ("ios_13_0_armv7_iphoneos", false),
        ("ios_13_0_arm64_iphoneos_iphoneos", false),
        ("ios_13_0_arm64", false),
        ("android_21_arm64_v8a", true),
        ("android_24_x86", true),
        ("android_21_armv7", false),
        ("android_x86", false),
        ("pyemscripten_2024_0_wasm32", true),
        ("pyemscripten_2024_0_wasm32_extra", true),
        ("pyemscripten_2024_wasm32", false),
        ("emscripten_3_1_58_wasm32", false),
        ("android_21_x86\nfoo", true),
        ("any\n", false),
        ("cygwin", false),
        ("win_amd64.", false),
        ("", false),
    ])
    func allowListMatchesWarehouse(platform: String, supported: Bool) {
        #expect(WheelFilename.isSupportedPlatformTag(platform) == supported)
    }

    @Test func unsupportedPlatformTagIsTheLeastRefusedTag() throws {
        let universal = try WheelFilename(
            parsing: "numpy-2.1.0-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl")
        #expect(universal.unsupportedPlatformTag == nil)
        let linux = try WheelFilename(
            parsing: "foo-1.0-cp312-cp312-manylinux_2_17_x86_64.linux_x86_64.linux_aarch64.whl")
        #expect(linux.unsupportedPlatformTag == "linux_aarch64")
        let upper = try WheelFilename(parsing: "foo-1.0-py3-none-Linux_X86_64.whl")
        #expect(upper.unsupportedPlatformTag == "linux_x86_64")
    }

    @Test func compressedTagSetsExpandToEveryCombination() throws {
        let tags = try #require(CompatibilityTag.parseSet("cp311.cp312-abi3.none-ANY"))
        #expect(tags.count == 4)
        #expect(tags.contains(CompatibilityTag(interpreter: "cp312", abi: "none", platform: "any")))
        // Each dotted part is lowercased alone: the final-sigma rule must not look across `.`.
        #expect(CompatibilityTag.parseSet("py3-none-AΣ.B")?.map(\.platform).sorted() == ["aς", "b"])
        #expect(CompatibilityTag.parseSet("py3-none") == nil)
        #expect(CompatibilityTag.parseSet("py3-none-any-x") == nil)
        #expect(CompatibilityTag(interpreter: "PY3", abi: "None", platform: "Any").description == "py3-none-any")
    }

    @Test(arguments: [
        ("py2.py3-none-any", true), ("py3.py2-none-any", false), ("cp311-cp311.abi3-any", false),
        ("cp311-cp311-manylinux2014_x86_64.manylinux_2_17_x86_64", true), ("py3-none-Z.a", true),
        ("py3-none-a.Z", false),
    ])
    func tagOrderIsByCodePoint(text: String, sorted: Bool) {
        #expect(CompatibilityTag.isSorted(text) == sorted)
    }

    @Test func buildTagsSortByNumberThenSuffix() throws {
        let tags = try ["10", "9", "009b", "9a", "123456789012345678901234567890", "12"].map {
            try #require(BuildTag(parsing: $0))
        }
        #expect(tags.sorted().map(\.description) == ["9", "9a", "9b", "10", "12", "123456789012345678901234567890"])
        #expect(BuildTag(parsing: "000")?.number == "0")
        #expect(BuildTag(parsing: "x1") == nil)
        #expect(BuildTag(parsing: "") == nil)
    }
}
