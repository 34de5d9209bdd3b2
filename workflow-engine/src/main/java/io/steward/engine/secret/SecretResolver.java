package io.steward.engine.secret;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

/** Starts the reading of secrets for one evaluation; see {@link SecretValues}. */
@Singleton
public class SecretResolver {
    private final SecretService secrets;
    private final JsonMapper json;

    SecretResolver(SecretService secrets, JsonMapper json) {
        this.secrets = secrets;
        this.json = json;
    }

    public SecretValues begin() {
        return new SecretValues(secrets, json);
    }
}
