package dev.switchboard.usage;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.extension.ExtendWith;

/** The usage reports on PostgreSQL: the same answers as on H2. */
@QuarkusTest
@TestProfile(PostgresUsageProfile.class)
@ExtendWith(PostgresUsageProfile.Required.class)
class UsageReportsOnPostgresTest extends UsageReportsBehaviour {
}
