// Security adapters: Argon2id (Passwords/), OIDC verification (OIDC/).
