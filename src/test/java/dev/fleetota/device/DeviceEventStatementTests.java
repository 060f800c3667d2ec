package dev.fleetota.device;

import java.time.Instant;
import java.util.List;

import dev.fleetota.device.DeviceEventStatement.Row;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Splitting a batch's rows of one statement kind into rounds of distinct devices, arrival order kept. */
class DeviceEventStatementTests {

    private static final Instant T0 = Instant.parse("2025-01-10T10:00:00Z");

    @Test
    void eachRoundHoldsEachDevicesNextRowInArrivalOrder() {
        Row a1 = new Row("a", T0, "1");
        Row b1 = new Row("b", T0, "1");
        Row a2 = new Row("a", T0, "2");
        Row a3 = new Row("a", T0.minusSeconds(1), "3");
        Row b2 = new Row("b", T0, "2");
        Row c1 = new Row("c", T0, "1");

        List<List<Row>> rounds = DeviceEventStatement.rounds(List.of(a1, b1, a2, a3, b2, c1));

        assertThat(rounds).containsExactly(List.of(a1, b1, c1), List.of(a2, b2), List.of(a3));
    }

    @Test
    void theStatementJoinsTheEventArraysOnTheDeviceId() {
        DeviceEventStatement statement = new DeviceEventStatement("x = e_value", "value boolean", "n int");

        assertThat(statement.sql()).isEqualTo("UPDATE device SET x = e_value FROM unnest(?::text[], "
                + "?::text[]::timestamptz[], ?::text[]::boolean[], ?::text[]::int[]) AS e(e_id, e_t, e_value, e_n) "
                + "WHERE device.id = e.e_id");
    }

}
