package dev.fleetota.rollout;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BatchPlannerTests {

    private static final RolloutTarget TARGET = new RolloutTarget(1, 30301, 4, "4.2.0", rank("4.2.0"),
            List.of(10, 13));

    private static long rank(String v) {
        return dev.fleetota.common.SemVer.parse(v).rank();
    }

    private static PlanCandidate boron(int i) {
        return new PlanCandidate(String.format("%024x", i), 13, "PARTICLE", 3, rank("4.0.2"), false, false, true);
    }

    private static List<PlanCandidate> borons(int n) {
        return new ArrayList<>(IntStream.range(0, n).mapToObj(BatchPlannerTests::boron).toList());
    }

    private static List<String> ids(List<PlanCandidate> c) {
        return c.stream().map(PlanCandidate::deviceId).toList();
    }

    private static RolloutPolicy policy(int canary, int batch, double growth, int max, boolean includeRisky) {
        return new RolloutPolicy(new BatchStrategy(canary, batch, null, growth, max, null, null), null, null,
                new RiskPolicy(includeRisky, 2), null, null);
    }

    @Test
    void canaryComesFirstThenBatchesGrowUpToTheMaximum() {
        List<PlanCandidate> fleet = borons(200);

        RolloutPlan plan = BatchPlanner.plan(ids(fleet), fleet, TARGET, policy(5, 20, 2.0, 60, false), 30);

        assertThat(plan.batches()).extracting(RolloutPlan.Batch::size).containsExactly(5, 20, 40, 60, 60, 15);
        assertThat(plan.batches().get(0).canary()).isTrue();
        assertThat(plan.plannedDevices()).isEqualTo(200);
    }

    @Test
    void everyDeviceIsPlannedExactlyOnce() {
        List<PlanCandidate> fleet = borons(1000);

        RolloutPlan plan = BatchPlanner.plan(ids(fleet), fleet, TARGET, policy(3, 25, 1.5, 500, false), 30);

        List<String> planned = plan.batches().stream().flatMap(b -> b.deviceIds().stream()).toList();
        assertThat(planned).hasSize(1000).doesNotHaveDuplicates();
    }

    @Test
    void highRiskDevicesAreExcludedUnlessTheRolloutOptsIn() {
        List<PlanCandidate> fleet = borons(10);
        fleet.add(new PlanCandidate("e00000000000000000000001", 10, "THIRD_PARTY", 3, rank("2.3.0"), false, false,
                true));

        RolloutPlan without = BatchPlanner.plan(ids(fleet), fleet, TARGET, policy(2, 5, 1.0, 5, false), 30);
        RolloutPlan with = BatchPlanner.plan(ids(fleet), fleet, TARGET, policy(2, 5, 1.0, 5, true), 30);

        assertThat(without.excluded()).extracting(RolloutPlan.Exclusion::reason)
            .containsExactly("HIGH_RISK_NOT_OPTED_IN");
        RolloutPlan.Batch last = with.batches().get(with.batches().size() - 1);
        assertThat(last.highRisk()).isTrue();
        assertThat(last.deviceIds()).containsExactly("e00000000000000000000001");
    }

    @Test
    void exclusionsNameTheirReason() {
        List<PlanCandidate> fleet = List.of(
                new PlanCandidate("a00000000000000000000001", 6, "NONE", 3, rank("2.3.0"), false, false, true),
                new PlanCandidate("a00000000000000000000002", 13, "PARTICLE", 4, rank("4.2.0"), false, false, true),
                new PlanCandidate("a00000000000000000000003", 13, "PARTICLE", 3, rank("4.0.0"), true, false, true),
                new PlanCandidate("a00000000000000000000004", 13, "PARTICLE", 3, rank("4.0.0"), false, true, true));
        List<String> members = new ArrayList<>(ids(fleet));
        members.add("a00000000000000000000005");

        RolloutPlan plan = BatchPlanner.plan(members, fleet, TARGET, RolloutPolicy.defaults(), 30);

        assertThat(plan.excluded()).extracting(RolloutPlan.Exclusion::reason)
            .containsExactlyInAnyOrder("PLATFORM_NOT_SUPPORTED", "ALREADY_ON_TARGET", "DEVELOPMENT_DEVICE",
                    "REMOVED_FROM_PRODUCT", "UNKNOWN_DEVICE");
        assertThat(plan.batches()).isEmpty();
    }

    @Test
    void offlineDevicesAreNotChosenForTheCanary() {
        List<PlanCandidate> fleet = borons(20);
        fleet.replaceAll(c -> new PlanCandidate(c.deviceId(), 13, "PARTICLE", 3, rank("4.0.2"), false, false,
                !c.deviceId().endsWith("1")));

        RolloutPlan plan = BatchPlanner.plan(ids(fleet), fleet, TARGET, policy(5, 5, 1.0, 5, false), 30);

        assertThat(plan.batches().get(0).deviceIds()).noneMatch(id -> id.endsWith("1"));
    }

    @Test
    void samePlanForTheSameFleet() {
        List<PlanCandidate> fleet = borons(300);

        RolloutPlan a = BatchPlanner.plan(ids(fleet), fleet, TARGET, RolloutPolicy.defaults(), 30);
        List<PlanCandidate> reversed = new ArrayList<>(fleet);
        java.util.Collections.reverse(reversed);
        RolloutPlan b = BatchPlanner.plan(ids(fleet), reversed, TARGET, RolloutPolicy.defaults(), 30);

        assertThat(a.batches()).isEqualTo(b.batches());
    }

}
