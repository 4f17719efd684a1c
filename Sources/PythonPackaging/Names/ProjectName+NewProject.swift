extension ProjectName {
    /// Whether the name is that of a Python standard-library module of any Python version
    /// `stdlib-list` knows: a top-level module under any spelling (`os`, `Asyncio`,
    /// `sre_compile`; `__future__` counts as `future`), or a submodule written with its dots
    /// (`xml.etree`, `importlib.metadata`).
    ///
    /// Warehouse's `STDLIB_PROHIBITED` also refuses submodule names spelled with `-` or `_`
    /// (`importlib-metadata`), which would make real backports on PyPI (`importlib-metadata`,
    /// `importlib-resources`) impossible to host; they shadow no module (they install
    /// `importlib_metadata`), so Cheeseshop allows them.
    public var isStandardLibraryModule: Bool {
        if Self.topLevelStandardLibraryModuleNames.contains(normalized) { return true }
        return name.utf8.contains(UInt8(ascii: ".")) && Self.standardLibraryModuleNames.contains(normalized)
    }

    /// The checks of Warehouse's `ProjectService.check_project_name` that need no database,
    /// in its order: the name must be valid ("The name 'x' is invalid.") and must not be a
    /// standard-library module name. The server then checks, in Warehouse's order, existing
    /// projects (`conflictsWithExisting`), prohibited names (`prohibited`) and
    /// ultranormalized look-alikes (`tooSimilar`).
    public func validateForNewProject() throws(NameError) {
        guard isValid else { throw .invalid(name) }
        guard !isStandardLibraryModule else { throw .standardLibraryModule(name) }
    }
}
