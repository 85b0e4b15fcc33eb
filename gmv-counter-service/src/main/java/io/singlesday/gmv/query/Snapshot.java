package io.singlesday.gmv.query;

import io.singlesday.contracts.gmv.GmvMilestoneReached;

import java.time.Instant;
import java.util.List;

/**
 * What the giant screen shows at one moment. Built once per interval and pushed as is to every dashboard; the
 * public variant leaves out the brand ranking, which is for operators. Amounts are exact fen; the strings beside
 * them are for display.
 */
public record Snapshot(long version, Instant asOf, long secondsAfterMidnight, Amount gmv, long orders, long units,
                       Rate rate, Share mobileShare, List<Ranked> channels, List<Ranked> devices, List<Ranked> topCities,
                       List<Ranked> topProvinces, List<Ranked> crossBorderCountries, List<Ranked> topCategories,
                       List<Ranked> livestreamLeaderboard, List<Ranked> topBrands, List<SecondPoint> lastSeconds,
                       PreviousYear previousYear, List<GmvMilestoneReached> milestones, Refunds refunds) {

    public record Amount(long fen, String cny, long usdCents, String usd) {
    }

    /** Over the last ten whole festival seconds. */
    public record Rate(long ordersLast10s, String ordersPerSecond, long gmvFenLast10s, String gmvCnyPerSecond) {
    }

    public record Share(String ofGmvPercent, String ofOrdersPercent) {
    }

    /**
     * {@code label} is what a screen shows: a brand's store name where the catalog announced one, else the name.
     * {@code perCapitaCny} only for cities whose population the counter knows.
     */
    public record Ranked(String name, String label, long gmvFen, long orders, long units, String sharePercent,
                         String perCapitaCny) {
    }

    public record SecondPoint(Instant at, long gmvFen, long orders, long previousYearGmvFen) {
    }

    /** @param basis what is compared with, in words: "2019 at 1:100,000" */
    public record PreviousYear(long totalFen, long atThisTimeFen, String vsLastYearPercent, boolean recordBroken,
                               String basis) {
    }

    /**
     * Returns so far: the headline {@code gmv} stays gross, as announced; {@code netGmv} is it less {@code refunded}.
     * {@code refundedFenLast10s} and its rate are over the same ten festival seconds as {@link Rate}.
     */
    public record Refunds(Amount refunded, long refunds, long units, Amount netGmv, long refundedFenLast10s,
                          String refundedCnyPerSecond) {
    }

    public Snapshot withoutBrands() {
        return new Snapshot(version, asOf, secondsAfterMidnight, gmv, orders, units, rate, mobileShare, channels,
                devices, topCities, topProvinces, crossBorderCountries, topCategories, livestreamLeaderboard, null,
                lastSeconds, previousYear, milestones, refunds);
    }
}
