extension ProjectName {
    /// Whether the canonical name is that of a Python standard-library module, or a dotted
    /// prefix of one (`xml.etree` → `xml-etree`, `xml`), of any Python version `stdlib-list`
    /// knows, as Warehouse's `STDLIB_PROHIBITED`. `__future__` counts as `future`.
    public var isStandardLibraryModule: Bool {
        Self.standardLibraryModuleNames.contains(normalized)
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
