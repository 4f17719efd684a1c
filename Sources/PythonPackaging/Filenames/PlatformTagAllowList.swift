/// Warehouse's platform tag allow-list (`warehouse/forklift/legacy.py`). New entries need an
/// ABI specification, as Warehouse's comment explains; keep this in step with it.
enum PlatformTagAllowList {
    static let fixed: Set<String> = [
        "any", "win32", "win_arm64", "win_amd64", "win_ia64",
        "manylinux1_x86_64", "manylinux1_i686", "manylinux2010_x86_64", "manylinux2010_i686",
        "manylinux2014_x86_64", "manylinux2014_i686", "manylinux2014_aarch64", "manylinux2014_armv7l",
        "manylinux2014_ppc64", "manylinux2014_ppc64le", "manylinux2014_s390x",
        "linux_armv6l", "linux_armv7l",
    ]

    static let macOSArchitectures: Set<String> = [
        "ppc", "ppc64", "i386", "x86_64", "arm64", "intel", "fat", "fat3", "fat64", "universal", "universal2",
    ]

    /// macOS 11 and later use `macosx_{major}_0`; 10.x uses `macosx_10_{minor}`.
    static let macOSMajorVersions: Set<String> = ["11", "12", "13", "14", "15", "26"]

    static let iOSArchitectures: Set<String> = ["arm64", "x86_64"]

    static let androidArchitectures: Set<String> = ["armeabi_v7a", "arm64_v8a", "x86", "x86_64"]

    private static let jointLinuxArchitectures: Set<String> = [
        "x86_64", "i686", "aarch64", "armv7l", "ppc64le", "s390x", "riscv64",
    ]

    /// PEP 600 `manylinux_X_Y` and PEP 656 `musllinux_X_Y` prefixes with their architectures.
    static let linux: [(prefix: String, architectures: Set<String>)] = [
        ("manylinux_", jointLinuxArchitectures.union(["ppc64"])),
        ("musllinux_", jointLinuxArchitectures),
    ]
}
