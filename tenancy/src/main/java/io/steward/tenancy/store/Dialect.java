package io.steward.tenancy.store;

/** The two databases Steward runs on. Each has its own Flyway root, {@code classpath:db/<name>}. */
public enum Dialect {
    H2,
    POSTGRES;

    public static Dialect ofJdbcUrl(String url) {
        if (url != null && url.startsWith("jdbc:postgresql:")) {
            return POSTGRES;
        }
        if (url == null || url.startsWith("jdbc:h2:")) {
            return H2;
        }
        throw new IllegalStateException("Unsupported database URL '" + url
                + "': Steward runs on H2 (jdbc:h2:) or PostgreSQL (jdbc:postgresql:)");
    }

    String migrationLocation() {
        return "classpath:" + migrationFolder();
    }

    String migrationFolder() {
        return "db/" + name();
    }
}
