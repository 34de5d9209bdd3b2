package io.steward.engine.deployment;

import io.steward.tenancy.error.ConflictException;
import io.steward.tenancy.error.Problem;
import io.steward.tenancy.store.StorageException;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Node instance ids are unique per tenant, but their suffix is random: this plans instances with ids that no row of
 * the tenant has yet (re-planning with the clashing ids excluded), and retries a write that lost a race for an id
 * to a concurrent one.
 */
@Singleton
class UniqueInstanceIds {
    private static final int MAX_PLANS = 100;
    private static final int MAX_WRITES = 5;

    private final InstanceIdSuffixes suffixes;
    private final DeploymentStore store;

    UniqueInstanceIds(InstanceIdSuffixes suffixes, DeploymentStore store) {
        this.suffixes = suffixes;
        this.store = store;
    }

    /**
     * Runs {@code planner} with an id source until none of the ids it planned ({@code idOf} each) is taken in the
     * tenant; {@code known} are ids already known to be taken (the deployment's own instances).
     */
    <T> List<T> plan(Collection<String> known, Function<InstanceIds, List<T>> planner, Function<T, String> idOf) {
        Set<String> taken = new HashSet<>(known);
        for (int attempt = 0; attempt < MAX_PLANS; attempt++) {
            List<T> planned = planner.apply(new InstanceIds(suffixes, taken));
            Set<String> clashes = store.takenInstanceIds(planned.stream().map(idOf).toList());
            if (clashes.isEmpty()) {
                return planned;
            }
            taken.addAll(clashes);
        }
        throw new ConflictException(Problem.CONFLICT, "Could not find free node instance ids; try again");
    }

    /**
     * Runs {@code planAndWrite} again, with new ids, when a concurrent writer took one of its ids between the check
     * and the insert; {@code duplicateOther} tells whether a duplicate key was something other than an id (then it
     * says so by throwing).
     */
    <T> T write(Supplier<T> planAndWrite, Runnable duplicateOther) {
        for (int attempt = 1; ; attempt++) {
            try {
                return planAndWrite.get();
            } catch (StorageException e) {
                if (!e.isDuplicateKey()) {
                    throw e;
                }
                duplicateOther.run();
                if (attempt == MAX_WRITES) {
                    throw new ConflictException(Problem.CONFLICT, "Node instance ids kept clashing with concurrent"
                            + " writes; try again");
                }
            }
        }
    }
}
