package io.singlesday.loadtest.gatling;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class VerdictTest {

    private static Verdict.Placed placed(String id, String state) {
        return new Verdict.Placed(id, "token", "sku", state);
    }

    @Test
    void aConfirmationThatLaterVanishesFailsTheRun() {
        Verdict.Check kept = Verdict.confirmationsKept(List.of(placed("a", "CONFIRMED"), placed("b", "PENDING")),
                Map.of("a", "CONFIRMED", "b", "CANCELLED"));
        assertThat(kept.passed()).isTrue();
        assertThat(kept.detail()).contains("2 checkouts accepted, 1 confirmed at once, 0 confirmed later, 1 cancelled");

        Verdict.Check lost = Verdict.confirmationsKept(List.of(placed("a", "CONFIRMED")), Map.of("a", "MISSING"));
        assertThat(lost.passed()).isFalse();
        assertThat(lost.detail()).contains("a is now MISSING");
    }

    @Test
    void aCheckoutStillPendingAfterTheLoadFailsTheRun() {
        Verdict.Check unsettled = Verdict.confirmationsKept(List.of(placed("a", "PENDING")), Map.of("a", "PENDING"));
        assertThat(unsettled.passed()).isFalse();
        assertThat(unsettled.detail()).contains("1 unsettled");
    }

    @Test
    void theSummaryFailsOnAServerErrorEvenWhenEveryCheckPasses() {
        DaySettings settings = new DaySettings(URI.create("http://localhost:8080"), 5.44, 60, 1, 10, 200, 0, 0, Path.of("s.md"), "", URI.create("http://127.0.0.1:8079/faults"), 0);
        Tally tally = new Tally();
        tally.record("checkout", 200, 100);
        List<Verdict.Check> checks = List.of(new Verdict.Check("GMV", true, "equal"));
        String passed = RunSummary.markdown(settings, 60, 60, tally.lines(), tally.users(), tally.firstRefusals(), "cpu", checks, 0, List.of());
        assertThat(passed).contains("## Verdict: passed").contains("| checkout | 1 | 1 | 0 | 0 | 0 | 0 |").contains("- [x] GMV: equal");

        tally.record("checkout", 502, 100);
        tally.refused("checkout", 502, "{\"status\":502}");
        String failed = RunSummary.markdown(settings, 60, 60, tally.lines(), tally.users(), tally.firstRefusals(), "cpu", checks, 0, List.of());
        assertThat(failed).contains("## Verdict: FAILED").contains("- [ ] no server errors").contains("checkout 502");
        assertThat(RunSummary.passed(List.of(new Verdict.Check("GMV", false, "off by 1 fen")), new Tally().lines().get("all"),
                Map.of(), false)).isFalse();
    }

    @Test
    void anAttemptSentAndNeverAnsweredFailsTheRun() {
        Tally tally = new Tally();
        tally.sent("checkout");
        tally.sent("checkout");
        tally.record("checkout", 200, 40);
        List<Verdict.Check> checks = List.of(new Verdict.Check("GMV", true, "equal"));
        assertThat(tally.lines().get("checkout").failed()).isEqualTo(1);
        assertThat(RunSummary.passed(checks, tally.lines().get("all"), tally.users(), false)).isFalse();
    }

    @Test
    void aGeneratorThatStartedTooFewUsersOnTimeFailsTheRunAndSaysSo() {
        DaySettings settings = new DaySettings(URI.create("http://localhost:8080"), 5.44, 60, 1, 10, 200, 50, 0, Path.of("s.md"), "", URI.create("http://127.0.0.1:8079/faults"), 0);
        Tally tally = new Tally();
        tally.offered("checkout at midnight", 100);
        for (int i = 0; i < 100; i++) {
            tally.started("checkout at midnight", i < 80);
        }
        List<Verdict.Check> checks = List.of(new Verdict.Check("GMV", true, "equal"));
        assertThat(RunSummary.passed(checks, tally.lines().get("all"), tally.users(), false)).isFalse();
        assertThat(RunSummary.markdown(settings, 60, 2, tally.lines(), tally.users(), Map.of(), "cpu", checks, 0, List.of()))
                .contains("could not send what it offered").contains("- [ ] the generator sent what it offered: 80 of 100");
        Tally onTime = new Tally();
        onTime.offered("checkout at midnight", 100);
        for (int i = 0; i < 100; i++) {
            onTime.started("checkout at midnight", true);
        }
        assertThat(RunSummary.passed(checks, onTime.lines().get("all"), onTime.users(), false)).isTrue();
    }

    @Test
    void aChaosDayListsItsFaultsAndIsJudgedByItsChecksNotByTheOutagesErrors() {
        DaySettings settings = new DaySettings(URI.create("http://localhost:8080"), 5.44, 60, 2, 10, 200, 5, 0, Path.of("s.md"),
                "order-service,postgres", URI.create("http://127.0.0.1:8079/faults"), 0);
        Tally tally = new Tally();
        tally.record("checkout", 200, 100);
        tally.record("browse", 503, 3);
        List<Verdict.Check> checks = List.of(new Verdict.Check("GMV", true, "equal"));
        List<Chaos.Fault> faults = List.of(new Chaos.Fault("order-service", 12, "SIGKILL", 14_200, null),
                new Chaos.Fault("postgres", 96, "immediate stop", 3_100, null));
        String md = RunSummary.markdown(settings, 60, 60, tally.lines(), tally.users(), Map.of(), "cpu", checks, 0, faults);
        assertThat(md).contains("## Faults (chaos day)").contains("| 12 | order-service | SIGKILL | 14.2 |")
                .contains("| 96 | postgres | immediate stop | 3.1 |").contains("## Verdict: passed");
        assertThat(RunSummary.passed(checks, tally.lines().get("all"), tally.users(), true)).isTrue();
        assertThat(RunSummary.passed(checks, tally.lines().get("all"), tally.users(), false)).as("the same 503 on a normal day").isFalse();
    }

    @Test
    void chaosTargetsAreCheckedAndSpacedAcrossTheWindow() {
        assertThat(Chaos.parse("all")).hasSize(9).contains("postgres", "kafka", "gateway");
        assertThat(Chaos.parse("")).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Chaos.parse("catalog-service,mysql"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mysql");
        assertThat(Chaos.parse("order-service-2,catalog-service")).containsExactly("order-service-2", "catalog-service");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Chaos.parse("gateway-2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gateway-2");
        assertThat(Chaos.schedule(3, 100)).containsExactly(10.0, 50.0, 90.0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DaySettings(URI.create("http://localhost:8080"), 5.44, 60, 1,
                        10, 200, 5, 0, Path.of("s.md"), "all", URI.create("http://127.0.0.1:8079/faults"), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("30 s of load per fault");
    }
}
