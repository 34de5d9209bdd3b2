package io.steward.engine.deployment;

import jakarta.inject.Singleton;

import java.security.SecureRandom;

/**
 * The random part of Cloudify's node instance ids: 6 characters of {@code [a-z0-9]}. A bean of its own so that a test
 * can replace it with a source that collides on purpose.
 */
@Singleton
public class InstanceIdSuffixes {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int LENGTH = 6;

    private final SecureRandom random = new SecureRandom();

    /** A new suffix; different calls may return the same one (callers check what is taken). */
    public String next() {
        StringBuilder suffix = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            suffix.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return suffix.toString();
    }
}
