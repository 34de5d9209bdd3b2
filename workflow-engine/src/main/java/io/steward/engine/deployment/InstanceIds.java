package io.steward.engine.deployment;

import io.steward.tenancy.error.ConflictException;
import io.steward.tenancy.error.Problem;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/** Cloudify's node instance ids, {@code <node>_<suffix>}, never repeating one in {@code taken} or one it made. */
final class InstanceIds {
    // Far more than a random 6-character suffix ever needs; only an exhausted suffix space gets this far.
    private static final int MAX_TRIES = 10_000;

    private final InstanceIdSuffixes suffixes;
    private final Set<String> taken;

    InstanceIds(InstanceIdSuffixes suffixes, Collection<String> taken) {
        this.suffixes = suffixes;
        this.taken = new HashSet<>(taken);
    }

    String next(String nodeId) {
        for (int i = 0; i < MAX_TRIES; i++) {
            String id = nodeId + "_" + suffixes.next();
            if (taken.add(id)) {
                return id;
            }
        }
        throw new ConflictException(Problem.CONFLICT, "No free node instance id left for node `" + nodeId + "`");
    }
}
