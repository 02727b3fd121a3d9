package dev.switchboard.usage;

import io.quarkus.test.junit.QuarkusTest;

/** The usage reports on the embedded H2 database, the default. */
@QuarkusTest
class UsageReportsTest extends UsageReportsBehaviour {
}
