package io.singlesday.loadtest.gatling;

import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * After the load, what must hold whatever the latencies were: nothing the run was told is confirmed has gone
 * missing, the GMV counter equals the order service to the fen, no SKU sold more than it had, no campaign issued
 * more coupons than it holds or other than the run was told.
 */
final class Verdict {

    record Check(String name, boolean passed, String detail) {
    }

    /** A checkout the platform accepted during the run, as its shopper saw it then. */
    record Placed(String checkoutId, String token, String sku, String state) {
    }

    private final Festival festival;
    private final String operator;
    private final Map<String, Integer> cancelReasons = new java.util.TreeMap<>();
    private long confirmed;
    private Map<String, String> settled = Map.of();

    Verdict(Festival festival, String operator) {
        this.festival = festival;
        this.operator = operator;
    }

    List<Check> checks(List<Placed> placed, Map<String, Integer> stockBefore, String campaign, int coupons, long claimed,
                       String drop, int dropUnits, long dropUnitsBought, long dropPresses, List<Placed> dropCheckouts) {
        List<Check> checks = new ArrayList<>();
        Map<String, String> finalStates = finalStates(placed);
        settled = Map.copyOf(finalStates);
        confirmed = finalStates.values().stream().filter("CONFIRMED"::equals).count();
        Check kept = confirmationsKept(placed, finalStates);
        checks.add(cancelReasons.isEmpty() ? kept
                : new Check(kept.name(), kept.passed(), kept.detail() + "; cancelled because: " + cancelReasons));
        checks.add(counterMatches());
        checks.add(nothingOversold(placed, finalStates, stockBefore));
        checks.add(couponsWithinStock(campaign, coupons, claimed));
        if (drop != null) {
            checks.add(dropWithinQuantity(drop, dropUnits, dropUnitsBought, dropPresses));
            checks.add(dropPurchasesCheckedOut(dropCheckouts, dropUnitsBought));
        }
        return checks;
    }

    /**
     * What a chaos day must show beyond the data checks: every fault injected and its target serving again, and no
     * checkout cancelled because a participant was away (a restart must be ridden out, not timed out). Call after
     * {@link #checks}, which reads the cancellations.
     */
    List<Check> afterFaults(List<Chaos.Fault> faults) {
        List<Chaos.Fault> failed = faults.stream().filter(f -> !f.recovered()).toList();
        int timedOut = cancelReasons.getOrDefault("PARTICIPANT_TIMEOUT", 0);
        return List.of(
                new Check("every fault was injected and its target served again", failed.isEmpty(),
                        failed.isEmpty() ? faults.size() + " faults" : failed.stream().map(f -> f.target() + ": " + f.error()).toList().toString()),
                new Check("no checkout was cancelled because a participant was away", timedOut == 0,
                        timedOut + " cancelled with PARTICIPANT_TIMEOUT"));
    }

    /** Each checkout of the run and its state once settled, after {@link #checks}. */
    Map<String, String> settledStates() {
        return settled;
    }

    /** Checkouts of the run confirmed once settled, after {@link #checks}: the goodput's numerator. */
    long confirmed() {
        return confirmed;
    }

    /** Each accepted checkout's state once its saga has settled (at most a minute after the load). */
    private Map<String, String> finalStates(List<Placed> placed) {
        Map<String, String> states = new HashMap<>();
        long deadline = System.currentTimeMillis() + 60_000;
        for (Placed p : placed) {
            JsonNode checkout = settled(p, deadline);
            String state = checkout == null ? "MISSING" : checkout.path("state").asString();
            if (state.equals("CANCELLED")) {
                cancelReasons.merge(checkout.path("cancelReason").asString("unknown"), 1, Integer::sum);
            }
            states.put(p.checkoutId(), state);
        }
        return states;
    }

    /**
     * The checkout as its shopper sees it once settled (CONFIRMED or CANCELLED), or as it last was at the deadline;
     * null if the shopper cannot see it at all. A wait lets a checkout another service places appear first.
     */
    private JsonNode settled(Placed p, long deadline) {
        JsonNode checkout = null;
        String state = "";
        do {
            HttpResponse<String> view = festival.call("GET", "/api/orders/checkouts/" + p.checkoutId(), p.token(), null,
                    "Prefer", "wait=5");
            if (view.statusCode() != 200) {
                return checkout;
            }
            checkout = Festival.json(view.body());
            state = checkout.path("state").asString();
        } while (!state.equals("CONFIRMED") && !state.equals("CANCELLED") && pause(deadline));
        return checkout;
    }

    static Check confirmationsKept(List<Placed> placed, Map<String, String> states) {
        long told = placed.stream().filter(p -> p.state().equals("CONFIRMED")).count();
        List<String> lost = placed.stream()
                .filter(p -> p.state().equals("CONFIRMED") && !"CONFIRMED".equals(states.get(p.checkoutId())))
                .map(p -> p.checkoutId() + " is now " + states.get(p.checkoutId())).toList();
        long confirmedLater = placed.stream()
                .filter(p -> !p.state().equals("CONFIRMED") && "CONFIRMED".equals(states.get(p.checkoutId()))).count();
        long unsettled = states.values().stream().filter(s -> !s.equals("CONFIRMED") && !s.equals("CANCELLED")).count();
        return new Check("every confirmation the run received is still a confirmed order", lost.isEmpty() && unsettled == 0,
                "%d checkouts accepted, %d confirmed at once, %d confirmed later, %d cancelled, %d unsettled%s".formatted(
                        placed.size(), told, confirmedLater, states.values().stream().filter("CANCELLED"::equals).count(),
                        unsettled, lost.isEmpty() ? "" : "; lost: " + String.join(", ", lost.subList(0, Math.min(5, lost.size())))));
    }

    private Check counterMatches() {
        long deadline = System.currentTimeMillis() + 60_000;
        JsonNode report;
        do {
            report = Festival.json(Festival.expect(festival.call("GET", "/api/gmv/reconciliation", operator, null), 200));
        } while (!report.path("matches").asBoolean() && pause(deadline));
        return new Check("the GMV counter equals the order service's confirmed orders to the fen",
                report.path("matches").asBoolean(), report.toString());
    }

    /** Stock that left each SKU must cover at least the units the run's confirmed orders took from it. */
    private Check nothingOversold(List<Placed> placed, Map<String, String> states, Map<String, Integer> before) {
        Map<String, Integer> confirmedUnits = new HashMap<>();
        placed.stream().filter(p -> "CONFIRMED".equals(states.get(p.checkoutId())))
                .forEach(p -> confirmedUnits.merge(p.sku(), 1, Integer::sum));
        Map<String, Integer> after = festival.skus("featured=true&limit=100");
        after.putAll(festival.skus("limit=100"));
        List<String> oversold = new ArrayList<>();
        confirmedUnits.forEach((sku, units) -> {
            Integer was = before.get(sku);
            Integer now = after.get(sku);
            if (was != null && now != null && (units > was || now > was - units || now < 0)) {
                oversold.add("%s: %d before, %d confirmed by the run, %d now".formatted(sku, was, units, now));
            }
        });
        return new Check("no SKU sold more units than it had in stock", oversold.isEmpty(),
                "%d SKUs bought, %d units confirmed%s".formatted(confirmedUnits.size(),
                        confirmedUnits.values().stream().mapToInt(Integer::intValue).sum(),
                        oversold.isEmpty() ? "" : "; " + String.join("; ", oversold)));
    }

    private Check couponsWithinStock(String campaign, int coupons, long claimed) {
        int issued = festival.couponsIssued(campaign);
        return new Check("the voucher campaign issued no more than its stock, and exactly the claims the run was granted",
                issued <= coupons && issued == claimed,
                "%d coupons in stock, %d issued, %d claims granted to the run".formatted(coupons, issued, claimed));
    }

    /** Neither oversold nor stuck: a drop that sold nothing to a crowd pressing buy (its stock never held) fails. */
    private Check dropWithinQuantity(String drop, int units, long bought, long presses) {
        int granted = festival.dropGranted(drop);
        boolean sold = presses == 0 || granted > 0;
        return new Check("the livestream drop granted no more than its units, exactly the purchases the run was granted, "
                + "and sold while it had units", granted <= units && granted == bought && sold,
                "%d units on the drop, %d granted, %d bought by the run in %d presses".formatted(units, granted, bought, presses));
    }

    /**
     * Each unit bought in the stream must have become a checkout in the order service, at the drop's price (one
     * unit each), and settled: the stream's sale reached the money side and nothing was charged twice or lost.
     */
    private Check dropPurchasesCheckedOut(List<Placed> bought, long unitsBought) {
        Map<String, Integer> states = new java.util.TreeMap<>();
        List<String> wrong = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 60_000;
        for (Placed p : bought) {
            JsonNode checkout = settled(p, deadline);
            states.merge(checkout == null ? "MISSING" : checkout.path("state").asString(), 1, Integer::sum);
            if (checkout == null || checkout.path("payableFen").asLong() != Festival.DROP_PRICE_FEN) {
                wrong.add(p.checkoutId() + " " + (checkout == null ? "missing" : "payable " + checkout.path("payableFen")));
            }
        }
        boolean settled = states.keySet().stream().allMatch(s -> s.equals("CONFIRMED") || s.equals("CANCELLED"));
        return new Check("every unit bought in the livestream became one settled checkout at the drop price",
                bought.size() == unitsBought && settled && wrong.isEmpty(),
                "%d units bought, %d checkouts followed: %s%s".formatted(unitsBought, bought.size(), states,
                        wrong.isEmpty() ? "" : "; wrong: " + String.join(", ", wrong.subList(0, Math.min(5, wrong.size())))));
    }

    private static boolean pause(long deadline) {
        if (System.currentTimeMillis() > deadline) {
            return false;
        }
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }
}
