package io.steward.tenancy.member;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.steward.tenancy.tenant.TenantService;
import io.steward.tenancy.threads.BackgroundThreads;
import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

/**
 * First start: creates {@code default_tenant} and the {@code admin} user (sys_admin, member of it). The password
 * comes from {@code STEWARD_ADMIN_PASSWORD}; without it a random one is generated and logged once. There is never a
 * fixed default password. The admin is written by a background thread (see createAdminOnFirstStart); password
 * logins wait for it through {@link #awaitAdmin()}.
 */
@Context
class AdminBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

    private final TenantService tenants;
    private final UserService users;
    private final MembershipService memberships;
    private final String configuredPassword;
    private final CompletableFuture<Void> adminReady = new CompletableFuture<>();

    AdminBootstrap(TenantService tenants, UserService users, MembershipService memberships,
                   @Nullable @Value("${steward.admin-password:}") String configuredPassword) {
        this.tenants = tenants;
        this.users = users;
        this.memberships = memberships;
        this.configuredPassword = configuredPassword;
    }

    @PostConstruct
    void createAdminOnFirstStart() {
        if (tenants.find(TenantService.DEFAULT_TENANT).isEmpty()) {
            try {
                tenants.createUnchecked(TenantService.DEFAULT_TENANT);
            } catch (RuntimeException e) {
                // Servers of a cluster started together on a fresh database: another one made it first.
                if (tenants.find(TenantService.DEFAULT_TENANT).isEmpty()) {
                    throw e;
                }
            }
        }
        if (users.exists(UserService.ADMIN)) {
            adminReady.complete(null);
            return;
        }
        // A STEWARD_ADMIN_PASSWORD bcrypt cannot take still fails the start, as before.
        if (configuredPassword != null && !configuredPassword.isBlank()) {
            UserService.requireUsablePassword(configuredPassword);
        }
        // Hashing the password (bcrypt, slow on purpose: a few hundred ms in a cold JVM) is left off the way to the
        // first answer; a password login waits for it (awaitAdmin).
        BackgroundThreads.daemon("steward-admin-bootstrap", this::createAdmin).start();
    }

    /** Returns once the admin of a first start is in the database (at once on later starts); throws if it failed. */
    void awaitAdmin() {
        adminReady.join();
    }

    private void createAdmin() {
        try {
            boolean generated = configuredPassword == null || configuredPassword.isBlank();
            String password = generated ? randomPassword() : configuredPassword;
            users.createUnchecked(UserService.ADMIN, password, SystemRole.SYS_ADMIN);
            memberships.addUnchecked(UserService.ADMIN, TenantService.DEFAULT_TENANT, TenantRole.MANAGER);
            if (generated) {
                LOG.warn("Created user 'admin' with generated password: {} (shown once; set STEWARD_ADMIN_PASSWORD to"
                        + " choose it on a fresh database)", password);
            } else {
                LOG.info("Created user 'admin' with the password from STEWARD_ADMIN_PASSWORD");
            }
            adminReady.complete(null);
        } catch (RuntimeException e) {
            if (adminMadeElsewhere()) {
                // Another server starting on the same fresh database made it first.
                adminReady.complete(null);
            } else {
                LOG.error("Could not create user 'admin': {}", e.toString(), e);
                adminReady.completeExceptionally(e);
            }
        }
    }

    private boolean adminMadeElsewhere() {
        try {
            return users.exists(UserService.ADMIN);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
