package dev.fleetota;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The database enforces the model's constraints on its own, whatever the Java code does. */
@IntegrationTest
class SchemaConstraintTests {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aDeviceIdMustBe24LowercaseHexCharacters() {
        String upper = TestDevices.randomId().toUpperCase();

        assertThatThrownBy(() -> TestDevices.device().id(upper).insert(jdbc))
            .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> TestDevices.device().id("abc").insert(jdbc))
            .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void aDeviceIdIsUnique() {
        String id = TestDevices.device().insert(jdbc);

        assertThatThrownBy(() -> TestDevices.device().id(id).insert(jdbc))
            .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void theSimKindIsOneOfTheKnownKinds() {
        assertThatThrownBy(() -> TestDevices.device().simKind("ESIM").insert(jdbc))
            .isInstanceOf(DataIntegrityViolationException.class);
        assertThatCode(() -> TestDevices.device().simKind("THIRD_PARTY").insert(jdbc)).doesNotThrowAnyException();
    }

    @Test
    void aFirmwareVersionIsUniquePerProduct() {
        insertFirmware(4711, 1);
        insertFirmware(4712, 1);

        assertThatThrownBy(() -> insertFirmware(4711, 1)).isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void aFirmwareVersionIsPositiveAndHasPlatforms() {
        assertThatThrownBy(() -> insertFirmware(4713, 0)).isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.update("insert into firmware_release (product_id, version, device_os_version,"
                + " device_os_rank, platform_ids, title) values (4714, 1, '6.1.0', 1, '{}', 't')"))
            .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void aCohortNameIsUnique() {
        String name = "unique-" + UUID.randomUUID();
        jdbc.update("insert into cohort (name) values (?)", name);

        assertThatThrownBy(() -> jdbc.update("insert into cohort (name) values (?)", name))
            .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void aCohortMemberMustBeAKnownDevice() {
        Long cohort = jdbc.queryForObject("insert into cohort (name) values (?) returning id", Long.class,
                "members-" + UUID.randomUUID());

        assertThatThrownBy(() -> jdbc.update("insert into cohort_member (cohort_id, device_id) values (?, ?)", cohort,
                TestDevices.randomId()))
            .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void aTokenRoleIsOneOfTheFourRoles() {
        assertThatThrownBy(() -> jdbc.update("insert into api_token (name, role, token_hash) values (?, 'ROOT', ?)",
                "root-" + UUID.randomUUID(), UUID.randomUUID().toString()))
            .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void anAuditOutcomeIsOneOfTheKnownOutcomes() {
        assertThatThrownBy(() -> jdbc.update("insert into audit_entry (actor, action, resource_type, outcome)"
                + " values ('t', 'a', 'r', 'MAYBE')"))
            .isInstanceOf(DataIntegrityViolationException.class);
    }

    private void insertFirmware(int product, int version) {
        jdbc.update("insert into firmware_release (product_id, version, device_os_version, device_os_rank,"
                + " platform_ids, title) values (?, ?, '6.1.0', 1, '{13}', 't')", product, version);
    }

}
