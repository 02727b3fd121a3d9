package dev.switchboard.testing;

import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/** The clear tokens whose hashes the test profile configures; a log scan checks none of them is ever logged. */
public final class TestTokens {

    /** Opens /metrics and /admin/*. */
    public static final String ADMIN = "test-admin-token-9f3c";
    /** Caller {@code search}: tenant search-tenant, project ranking, groups chat and llama. */
    public static final String SEARCH = "test-caller-search-7a1e";
    /** Caller {@code everything}: every group. */
    public static final String EVERYTHING = "test-caller-ranking-2b8d";
    /** Caller {@code rpm-limited}: 3 requests per minute. */
    public static final String RPM_LIMITED = "test-caller-rpm-5d3a";
    /** Caller {@code one-at-a-time}: one request in flight. */
    public static final String ONE_AT_A_TIME = "test-caller-single-8e6b";
    /** The upstream key the surefire configuration puts in SWITCHBOARD_TEST_UPSTREAM_KEY. */
    public static final String UPSTREAM_KEY = "test-upstream-key-5b1d";

    private TestTokens() {
    }

    /** A request carrying the admin token. */
    public static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + ADMIN);
    }
}
