package io.singlesday.catalog.onboarding;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Checks every few seconds whether it is the 21st (festival time) and the month's livestream slots are due. */
@Component
public class IncubationAwards {

    private final IncubationLedger ledger;

    public IncubationAwards(IncubationLedger ledger) {
        this.ledger = ledger;
    }

    @Scheduled(fixedDelayString = "${catalog.incubation.award-check:PT10S}")
    public void awards() {
        ledger.awardIfDue();
    }
}
