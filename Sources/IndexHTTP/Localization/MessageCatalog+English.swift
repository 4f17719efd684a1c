extension MessageCatalogs {
    /// English: the reference catalog. Every other catalog has exactly these ids, the same
    /// placeholders, and the plural forms its language needs (``MessageCatalogTests``).
    static let english: MessageCatalog = [
        // The frame of every page (``SiteLayout``).
        "layout.skip": "Skip to main content",
        "layout.search_label": "Search projects",
        "layout.search_button": "Search",
        "layout.account_nav": "Account",
        "layout.your_projects": "Your projects",
        "layout.account": "Account",
        "layout.log_in": "Log in",
        "layout.register": "Register",
        "layout.served_by": "Served by Cheeseshop, a Python package index.",
        "layout.simple_index": "Simple index",
        "picker.label": "Language",
        "picker.submit": "Change language",
        "feed.newest_releases": "Newest releases",
        "feed.newest_projects": "Newest projects",
        "feed.project_releases": "Releases of {name}",

        // The home page.
        "home.heading": "Find, install and publish Python packages",
        "home.stats_label": "What this index holds",
        "home.projects": .plural(one: "{count} project", other: "{count} projects"),
        "home.releases": .plural(one: "{count} release", other: "{count} releases"),
        "home.files": .plural(one: "{count} file", other: "{count} files"),
        "home.users": .plural(one: "{count} user", other: "{count} users"),
        "home.new_releases": "New releases",
        "home.nothing_yet": "Nothing has been published yet.",
        "home.install_heading": "Install from this index",
        "home.install_text": "{pip}, {uv}; publish with {twine} and an API token from your {account}.",
        "home.account_link": "account",
        "home.missing": "No home page.",

        // Project and release pages.
        "project.no_such": "There is no project named {name}.",
        "project.no_release": "{name} has no release {version}.",
        "project.yanked_tag": "yanked",
        "project.prerelease_tag": "pre-release",
        "project.this_version": "this version",
        "project.released": "Released {date}",
        "project.not_latest": "This is not the latest version. The latest is {latest}.",
        "project.yanked_banner":
            "This release has been yanked: installers skip it unless it is pinned exactly.",
        "project.yanked_reason": "Reason: {reason}",
        "project.archived_banner":
            "This project has been archived by its maintainers: no new releases are expected.",
        "project.deprecated_banner": "This project is deprecated: its maintainers recommend not using it.",
        "project.about": "About this project",
        "project.navigation": "Navigation",
        "project.description": "Project description",
        "project.history": "Release history",
        "project.files": "Download files",
        "project.statistics": "Download statistics",
        "project.homepage": "Homepage",
        "project.links": "Project links",
        "project.license_label": "License:",
        "project.author_label": "Author:",
        "project.maintainer_label": "Maintainer:",
        "project.requires_label": "Requires:",
        "project.meta": "Meta",
        "project.maintainers": "Maintainers",
        "project.classifiers": "Classifiers",
        "project.no_description": "The author of this package has not provided a project description.",
        "project.no_files": "No files for this release.",
        "project.file": "File",
        "project.size": "Size",
        "project.uploaded": "Uploaded",
        "project.hashes": "Hashes",
        "project.source": "Source",
        "project.built": "Built distribution, Python {python}",
        "project.bytes": .plural(one: "{count} byte", other: "{count} bytes"),
        "stats.none_yet": "No downloads recorded yet.",
        "stats.none_in_days": .plural(
            one: "No downloads recorded in the last day.", other: "No downloads recorded in the last {count} days."),
        "stats.summary": "Downloads: {day} in the last day, {week} in the last week, {month} in the last month.",
        "stats.counted_by":
            "Counted by this index from the files it served, together with the cache and CDN logs it has taken in.",

        // The search page.
        "search.heading": "Search projects",
        "search.results_for": "Results for “{query}”",
        "search.found": .plural(one: "{count} project found", other: "{count} projects found"),
        "search.filtered_by": "Filtered by:",
        "search.remove_filter": "Remove filter {classifier}",
        "search.hint": "Type words from a project's name or description. Filter by a classifier from any project page.",
        "search.pages": "Pages",
        "search.previous": "Previous",
        "search.next": "Next",
        "search.page_of": "Page {page} of {pages}",

        // User pages.
        "user.no_such": "There is no user named {name}.",
        "user.joined": "Joined {date}",
        "user.projects": .plural(one: "{count} project", other: "{count} projects"),

        // Error pages (``ErrorPage``).
        "error.404.title": "Not found",
        "error.405.title": "Method not allowed",
        "error.500.title": "Something went wrong",
        "error.404.text":
            "There is no page at this address. If you typed it, check it for mistakes; if you followed a link, the page may have moved or been removed.",
        "error.404.search": "Find a project with the {search_box}.",
        "error.404.search_box": "search box",
        "error.404.installers": "Installers such as pip use the {simple_index}.",
        "error.404.simple_index": "simple index",
        "error.405.text":
            "This address does not take a {method} request. It is where a form sends its answer: go back to the page with the form and send it from there.",
        "error.405.text_allowed":
            "This address does not take a {method} request (it takes {allowed}). It is where a form sends its answer: go back to the page with the form and send it from there.",
        "error.500.text":
            "The server met an unexpected error and could not answer this request. The error has been recorded. Try again in a moment; if it goes on, tell the administrators of this index.",
        "error.go_home": "Go to the {home}.",
        "error.home_page": "home page",

        // Account pages (``AccountController``).
        "account.register_title": "Create an account",
        "account.create": "Create account",
        "account.username": "Username",
        "account.email": "Email",
        "account.password": "Password",
        "account.forgot": "Forgot your password?",
        "account.check_email_title": "Check your email",
        "account.verification_sent":
            "We sent a verification link to the address you gave. Follow it to verify your account.",
        "account.email_verified_title": "Email verified",
        "account.email_verified": "The address of {name} is verified.",
        "account.reset_title": "Reset your password",
        "account.send_reset": "Send a reset link",
        "account.username_or_email": "Username or email",
        "account.reset_sent": "If an account matches what you gave, a reset link was sent to its address.",
        "account.new_password_title": "Choose a new password",
        "account.set_password": "Set the password",
        "account.new_password": "New password",
        "account.two_factor_title": "Two-factor authentication",
        "account.verify": "Verify",
        "account.code_label": "Code from your authenticator app, or a recovery code",
    ]
}
