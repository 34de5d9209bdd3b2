package io.steward.engine.deployment;

import java.security.SecureRandom;
import java.util.Collection;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/** Cloudify's node instance ids, {@code <node>_<6 random [a-z0-9]>}, never repeating one already taken. */
final class InstanceIds {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final Random random;
    private final Set<String> taken;

    InstanceIds(Collection<String> taken) {
        this(new SecureRandom(), taken);
    }

    InstanceIds(Random random, Collection<String> taken) {
        this.random = random;
        this.taken = new HashSet<>(taken);
    }

    String next(String nodeId) {
        String id;
        do {
            StringBuilder candidate = new StringBuilder(nodeId).append('_');
            for (int i = 0; i < 6; i++) {
                candidate.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            id = candidate.toString();
        } while (!taken.add(id));
        return id;
    }
}
