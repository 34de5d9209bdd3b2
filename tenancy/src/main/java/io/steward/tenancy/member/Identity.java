package io.steward.tenancy.member;

/** Who proved to be calling, before any tenant is considered. */
public record Identity(String username, SystemRole systemRole) {
}
