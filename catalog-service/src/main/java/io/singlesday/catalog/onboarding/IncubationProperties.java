package io.singlesday.catalog.onboarding;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Comparator;
import java.util.List;

/** Commission tiers of the incubation program and how many brands win a livestream slot each month. */
@ConfigurationProperties("catalog.incubation")
public record IncubationProperties(List<Tier> commissionTiers, Integer awardsPerMonth) {

    public IncubationProperties {
        commissionTiers = commissionTiers == null || commissionTiers.isEmpty()
                ? List.of(new Tier(0, 500)) : commissionTiers.stream().sorted(Comparator.comparingLong(Tier::fromFen)).toList();
        awardsPerMonth = awardsPerMonth == null ? 3 : awardsPerMonth;
    }

    public record Tier(long fromFen, int commissionBp) {
    }

    public int commissionFor(long gmvFen) {
        int bp = commissionTiers.getFirst().commissionBp();
        for (Tier tier : commissionTiers) {
            if (gmvFen >= tier.fromFen()) {
                bp = tier.commissionBp();
            }
        }
        return bp;
    }
}
