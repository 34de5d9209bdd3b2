package io.steward.api.hostile;

/**
 * What the hostile cases aim at: a tenant with one of everything (a blueprint used by a deployment, an ended
 * execution, a node instance, a token, a deployed OGC process and a finished OGC job), so that refusals are tested
 * on real targets as well as on missing ones.
 */
record HostileFixture(String tenant, String manager, String blueprint, String blueprintYaml, String deployment,
                      String execution, String nodeInstance, String token, String process, String job) {
}
