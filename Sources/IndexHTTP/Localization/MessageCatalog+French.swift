extension MessageCatalogs {
    /// French (Français): plural forms one (0 and 1), many (exact millions) and other. A
    /// no-break space (U+00A0) before `:` and inside « », a narrow one (U+202F) before `;` and `?`.
    static let french: MessageCatalog = [
        "layout.skip": "Aller au contenu principal",
        "layout.search_label": "Rechercher des projets",
        "layout.search_button": "Rechercher",
        "layout.account_nav": "Compte",
        "layout.your_projects": "Vos projets",
        "layout.account": "Compte",
        "layout.log_in": "Se connecter",
        "layout.register": "S’inscrire",
        "layout.served_by": "Servi par Cheeseshop, un index de paquets Python.",
        "layout.simple_index": "Index simple",
        "picker.label": "Langue",
        "picker.submit": "Changer de langue",
        "feed.newest_releases": "Dernières versions",
        "feed.newest_projects": "Derniers projets",
        "feed.project_releases": "Versions de {name}",

        "home.heading": "Trouvez, installez et publiez des paquets Python",
        "home.stats_label": "Ce que contient cet index",
        "home.projects": .plural(one: "{count} projet", many: "{count} de projets", other: "{count} projets"),
        "home.releases": .plural(one: "{count} version", many: "{count} de versions", other: "{count} versions"),
        "home.files": .plural(one: "{count} fichier", many: "{count} de fichiers", other: "{count} fichiers"),
        "home.users": .plural(
            one: "{count} utilisateur", many: "{count} d’utilisateurs", other: "{count} utilisateurs"),
        "home.new_releases": "Nouvelles versions",
        "home.nothing_yet": "Rien n’a encore été publié.",
        "home.install_heading": "Installer depuis cet index",
        "home.install_text":
            "{pip}, {uv}\u{202F}; publiez avec {twine} et un jeton d’API obtenu depuis votre {account}.",
        "home.account_link": "compte",
        "home.missing": "Pas de page d’accueil.",

        "project.no_such": "Aucun projet ne s’appelle {name}.",
        "project.no_release": "{name} n’a pas de version {version}.",
        "project.yanked_tag": "retirée",
        "project.prerelease_tag": "préversion",
        "project.this_version": "cette version",
        "project.released": "Publiée le {date}",
        "project.not_latest": "Ce n’est pas la dernière version. La dernière est la {latest}.",
        "project.yanked_banner":
            "Cette version a été retirée\u{00A0}: les installateurs l’ignorent, sauf si elle est demandée exactement.",
        "project.yanked_reason": "Motif\u{00A0}: {reason}",
        "project.archived_banner":
            "Ce projet a été archivé par ses mainteneurs\u{00A0}: aucune nouvelle version n’est prévue.",
        "project.deprecated_banner":
            "Ce projet est obsolète\u{00A0}: ses mainteneurs déconseillent de l’utiliser.",
        "project.about": "À propos de ce projet",
        "project.navigation": "Navigation",
        "project.description": "Description du projet",
        "project.history": "Historique des versions",
        "project.files": "Télécharger les fichiers",
        "project.statistics": "Statistiques de téléchargement",
        "project.homepage": "Page d’accueil",
        "project.links": "Liens du projet",
        "project.license_label": "Licence\u{00A0}:",
        "project.author_label": "Auteur\u{00A0}:",
        "project.maintainer_label": "Mainteneur\u{00A0}:",
        "project.requires_label": "Nécessite\u{00A0}:",
        "project.meta": "Métadonnées",
        "project.maintainers": "Mainteneurs",
        "project.classifiers": "Classificateurs",
        "project.no_description": "L’auteur de ce paquet n’a pas fourni de description du projet.",
        "project.no_files": "Aucun fichier pour cette version.",
        "project.file": "Fichier",
        "project.size": "Taille",
        "project.uploaded": "Téléversé",
        "project.hashes": "Empreintes",
        "project.source": "Source",
        "project.built": "Distribution compilée, Python {python}",
        "project.bytes": .plural(one: "{count} octet", many: "{count} d’octets", other: "{count} octets"),
        "stats.none_yet": "Aucun téléchargement enregistré pour l’instant.",
        "stats.none_in_days": .plural(
            one: "Aucun téléchargement enregistré au cours du dernier jour.",
            many: "Aucun téléchargement enregistré au cours des {count} de derniers jours.",
            other: "Aucun téléchargement enregistré au cours des {count} derniers jours."),
        "stats.summary":
            "Téléchargements\u{00A0}: {day} le dernier jour, {week} la dernière semaine, {month} le dernier mois.",
        "stats.counted_by":
            "Comptés par cet index à partir des fichiers qu’il a servis, ainsi que des journaux de cache et de CDN qu’il a intégrés.",

        "search.heading": "Rechercher des projets",
        "search.results_for": "Résultats pour «\u{00A0}{query}\u{00A0}»",
        "search.found": .plural(
            one: "{count} projet trouvé", many: "{count} de projets trouvés", other: "{count} projets trouvés"),
        "search.filtered_by": "Filtré par\u{00A0}:",
        "search.remove_filter": "Retirer le filtre {classifier}",
        "search.hint":
            "Saisissez des mots du nom ou de la description d’un projet. Filtrez par classificateur depuis n’importe quelle page de projet.",
        "search.pages": "Pages",
        "search.previous": "Précédente",
        "search.next": "Suivante",
        "search.page_of": "Page {page} sur {pages}",

        "user.no_such": "Aucun utilisateur ne s’appelle {name}.",
        "user.joined": "Inscrit le {date}",
        "user.projects": .plural(one: "{count} projet", many: "{count} de projets", other: "{count} projets"),

        "error.404.title": "Page introuvable",
        "error.405.title": "Méthode non autorisée",
        "error.500.title": "Une erreur est survenue",
        "error.404.text":
            "Il n’y a aucune page à cette adresse. Si vous l’avez saisie, vérifiez qu’elle ne contient pas d’erreur\u{202F}; si vous avez suivi un lien, la page a peut-être été déplacée ou supprimée.",
        "error.404.search": "Trouvez un projet avec le {search_box}.",
        "error.404.search_box": "champ de recherche",
        "error.404.installers": "Les installateurs comme pip utilisent l’{simple_index}.",
        "error.404.simple_index": "index simple",
        "error.405.text":
            "Cette adresse n’accepte pas de requête {method}. C’est là qu’un formulaire envoie sa réponse\u{00A0}: revenez à la page du formulaire et envoyez-le depuis celle-ci.",
        "error.405.text_allowed":
            "Cette adresse n’accepte pas de requête {method} (elle accepte {allowed}). C’est là qu’un formulaire envoie sa réponse\u{00A0}: revenez à la page du formulaire et envoyez-le depuis celle-ci.",
        "error.500.text":
            "Le serveur a rencontré une erreur inattendue et n’a pas pu répondre à cette requête. L’erreur a été enregistrée. Réessayez dans un instant\u{202F}; si elle persiste, prévenez les administrateurs de cet index.",
        "error.go_home": "Aller à la {home}.",
        "error.home_page": "page d’accueil",

        "account.register_title": "Créer un compte",
        "account.create": "Créer le compte",
        "account.username": "Nom d’utilisateur",
        "account.email": "Adresse e-mail",
        "account.password": "Mot de passe",
        "account.forgot": "Mot de passe oublié\u{202F}?",
        "account.check_email_title": "Consultez vos e-mails",
        "account.verification_sent":
            "Nous avons envoyé un lien de vérification à l’adresse indiquée. Suivez-le pour vérifier votre compte.",
        "account.email_verified_title": "Adresse e-mail vérifiée",
        "account.email_verified": "L’adresse de {name} est vérifiée.",
        "account.reset_title": "Réinitialiser votre mot de passe",
        "account.send_reset": "Envoyer un lien de réinitialisation",
        "account.username_or_email": "Nom d’utilisateur ou adresse e-mail",
        "account.reset_sent":
            "Si un compte correspond à ce que vous avez indiqué, un lien de réinitialisation a été envoyé à son adresse.",
        "account.new_password_title": "Choisir un nouveau mot de passe",
        "account.set_password": "Enregistrer le mot de passe",
        "account.new_password": "Nouveau mot de passe",
        "account.two_factor_title": "Authentification à deux facteurs",
        "account.verify": "Vérifier",
        "account.code_label": "Code de votre application d’authentification, ou un code de récupération",
    ]
}
