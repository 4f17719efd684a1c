import Testing

@testable import ReadmeRendering

/// Whole READMEs written in the style of popular Python projects.
@Suite struct RSTReadmeTests {
    static let library = """
        ===========
        cheeseshop
        ===========

        |build| |coverage| |pypi|

        .. |build| image:: https://example.org/ci/badge.svg?branch=main&event=push
           :target: https://example.org/ci
           :alt: Build status
        .. |coverage| image:: https://example.org/cov.svg
           :target: https://example.org/cov
        .. |pypi| image:: https://example.org/pypi/v/cheeseshop.svg

        *Cheeseshop* is a **fast** package index. It's small -- and it works.

        .. contents::

        Installation
        ============

        Install with pip:

        .. code-block:: bash

           $ pip install cheeseshop

        Usage
        =====

        A quick example::

            from cheeseshop import Index
            index = Index("<root>")

        Features:

        * Upload and download
        * Simple API (`PEP 503 <https://example.org/pep-0503/>`_)
        * Search, see `the docs`_

        .. note::

           Requires Python 3.9 or newer.

        Supported versions
        ------------------

        +---------+-----------+
        | Python  | Supported |
        +=========+===========+
        | 3.12    | yes       |
        +---------+-----------+
        | 2.7     | no        |
        +---------+-----------+

        .. _the docs: https://example.org/docs/

        """

    @Test func libraryReadmeRendersKeyParts() throws {
        let html = try RestructuredText.html(Self.library)
        #expect(!html.contains("<h1>"))
        #expect(!html.contains(">cheeseshop</h"))
        #expect(html.hasPrefix("<p><a class=\"reference external image-reference\" href=\"https://example.org/ci\"><img alt=\"Build status\" src=\"https://example.org/ci/badge.svg?branch=main&amp;event=push\" /></a> "))
        #expect(html.contains("<img alt=\"pypi\" src=\"https://example.org/pypi/v/cheeseshop.svg\" />"))
        #expect(html.contains("<p><em>Cheeseshop</em> is a <strong>fast</strong> package index. It’s small – and it works.</p>"))
        #expect(html.contains("<nav class=\"contents\" id=\"contents\">\n<p class=\"topic-title\">Contents</p>"))
        #expect(html.contains("<a class=\"reference internal\" href=\"#installation\" id=\"toc-entry-1\">Installation</a>"))
        #expect(html.contains("<section id=\"installation\">\n<h2><a class=\"toc-backref\" href=\"#toc-entry-1\">Installation</a></h2>"))
        #expect(html.contains("<pre class=\"code bash literal-block\"><code>$ pip install cheeseshop\n</code></pre>"))
        #expect(html.contains("<p>A quick example:</p>\n<pre class=\"literal-block\">from cheeseshop import Index\nindex = Index(&quot;&lt;root&gt;&quot;)\n</pre>"))
        #expect(html.contains("<a class=\"reference external\" href=\"https://example.org/pep-0503/\">PEP 503</a>"))
        #expect(html.contains("<a class=\"reference external\" href=\"https://example.org/docs/\">the docs</a>"))
        #expect(html.contains("<div class=\"admonition note\">\n<p class=\"admonition-title\">Note</p>\n<p>Requires Python 3.9 or newer.</p>\n</div>"))
        #expect(html.contains("<section id=\"supported-versions\">\n<h3><a class=\"toc-backref\" href=\"#toc-entry-3\">Supported versions</a></h3>"))
        #expect(html.contains("<tr><td><p>2.7</p></td><td><p>no</p></td></tr>"))
    }

    static let tool = """
        Frobnicator
        ===========

        .. image:: https://example.org/logo.png
           :alt: Frobnicator logo
           :align: center
           :width: 200px

        Frobnicator frobs your files.  Read the documentation_ or ask on the
        `mailing list <mailto:frob@example.org>`__.

        Quick start
        -----------

        1. Install it::

              pip install frobnicator

        2. Run it:

           .. code:: console

              $ frob --all

        3. Enjoy.

        Options
        -------

        ``--all``
            Frob everything.
        ``--dry-run``
            Only pretend.

        Changelog
        ---------

        1.0 (2024-01-01)
        ~~~~~~~~~~~~~~~~

        - First release [#]_.

        .. [#] Finally.

        .. _documentation: https://example.org/frob/

        """

    @Test func toolReadmeRendersKeyParts() throws {
        let html = try RestructuredText.html(Self.tool)
        #expect(html.hasPrefix("<img alt=\"Frobnicator logo\" class=\"align-center\" src=\"https://example.org/logo.png\" width=\"200px\" />\n"))
        #expect(html.contains("<a class=\"reference external\" href=\"https://example.org/frob/\">documentation</a>"))
        #expect(html.contains("<a class=\"reference external\" href=\"mailto:frob@example.org\">mailing list</a>"))
        #expect(html.contains("<section id=\"quick-start\">\n<h2>Quick start</h2>\n<ol class=\"arabic\">"))
        #expect(html.contains("<li><p>Install it:</p>\n<pre class=\"literal-block\">pip install frobnicator\n</pre>\n</li>"))
        #expect(html.contains("<pre class=\"code console literal-block\"><code>$ frob --all\n</code></pre>"))
        #expect(html.contains("<dt><code class=\"docutils literal\">--all</code></dt>\n<dd><p>Frob everything.</p>\n</dd>"))
        #expect(html.contains("<section id=\"changelog\">\n<h2>Changelog</h2>\n<p class=\"section-subtitle\" id=\"id1\">1.0 (2024-01-01)</p>"))
        #expect(html.contains("First release <a class=\"footnote-reference brackets\" href=\"#footnote-1\""))
    }

    static let service = """
        Webhook Relay
        =============

        :Version: 2.1
        :License: MIT

        Relays webhooks. See `Configuration`_ below, and the |project| page.

        .. |project| replace:: project_
        .. _project: https://example.org/relay

        Configuration
        =============

        =========  ========  ==========================
        Setting    Default   Meaning
        =========  ========  ==========================
        ``port``   8080      Port to listen on
        ``host``   0.0.0.0   Address to bind
        =========  ========  ==========================

        .. warning:: Do not expose the relay to the internet
           without authentication.

        | Line one
        | Line two

        Contributing
        ============

        Pull requests welcome. Run the tests:

        >>> import relay
        >>> relay.selftest()
        True

        """

    @Test func serviceReadmeRendersKeyParts() throws {
        let html = try RestructuredText.html(Self.service)
        #expect(html.contains("<dt>Version<span class=\"colon\">:</span></dt>\n<dd><p>2.1</p>\n</dd>"))
        #expect(html.contains("See <a class=\"reference internal\" href=\"#configuration\">Configuration</a> below, and the <a class=\"reference external\" href=\"https://example.org/relay\">project</a> page."))
        #expect(html.contains("<section id=\"webhook-relay\">\n<h2>Webhook Relay</h2>"))
        #expect(html.contains("<tr><td><p><code class=\"docutils literal\">port</code></p></td><td><p>8080</p></td><td><p>Port to listen on</p></td></tr>"))
        #expect(html.contains("<div class=\"admonition warning\">\n<p class=\"admonition-title\">Warning</p>\n<p>Do not expose the relay to the internet\nwithout authentication.</p>\n</div>"))
        #expect(html.contains("<div class=\"line\">Line two</div>"))
        #expect(html.contains("<pre class=\"doctest-block\">\n&gt;&gt;&gt; import relay\n&gt;&gt;&gt; relay.selftest()\nTrue\n</pre>"))
    }
}
