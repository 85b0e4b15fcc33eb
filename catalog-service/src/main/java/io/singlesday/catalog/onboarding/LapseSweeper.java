package io.singlesday.catalog.onboarding;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Lapses approvals whose 30 festival days have passed; at 60x speed that happens 30 real minutes after. */
@Component
public class LapseSweeper {

    private static final Logger log = LoggerFactory.getLogger(LapseSweeper.class);

    private final Onboarding onboarding;

    public LapseSweeper(Onboarding onboarding) {
        this.onboarding = onboarding;
    }

    @Scheduled(fixedDelayString = "${catalog.onboarding.lapse-check:PT5S}")
    public void sweep() {
        int lapsed = onboarding.lapseOverdue();
        if (lapsed > 0) {
            log.info("{} approved brand(s) did not open their store in time: LAPSED", lapsed);
        }
    }
}
