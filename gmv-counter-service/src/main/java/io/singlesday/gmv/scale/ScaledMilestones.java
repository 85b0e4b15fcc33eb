package io.singlesday.gmv.scale;

import io.singlesday.contracts.gmv.GmvMilestoneReached;
import io.singlesday.gmv.counting.CounterSettings;
import io.singlesday.gmv.counting.Figures;
import io.singlesday.gmv.counting.MarksNow;
import io.singlesday.gmv.counting.MilestoneMarks;
import io.singlesday.gmv.query.LastYearComparison;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.List;

/**
 * Milestones follow the announced run: with one, last year's headlines ("first 10 billion", "record broken") also
 * come at the run's scale, against the same whole day the screen compares with, and the screen shows those; the
 * configured round figures are always counted (so none is lost while a run is announced) and shown without a run.
 * Last year's real total is the last of its published checkpoints (billion CNY).
 */
@Component
public class ScaledMilestones implements MarksNow {

    private final RunScales scales;
    private final MilestoneMarks configured;
    private final long lastYearTotalCny;

    public ScaledMilestones(RunScales scales, CounterSettings settings,
                            @Value("${festival.gmv.previous-year-checkpoints}") List<String> checkpoints) {
        this.scales = scales;
        this.configured = settings.marks();
        String last = checkpoints.getLast();
        this.lastYearTotalCny = new BigDecimal(last.substring(last.indexOf(':') + 1).strip())
                .movePointRight(9).longValueExact();
    }

    @Override
    public MilestoneMarks at(Figures total) {
        return scales.current()
                .map(run -> configured.and(MilestoneMarks.atScale(lastYearTotalCny,
                        LastYearComparison.dayTotalFen(run.dayOrders(), total), runId(run), run.basis())))
                .orElse(configured);
    }

    /** The screen's milestones: the announced run's own, or, without one, those of the configured round figures. */
    public List<GmvMilestoneReached> ofThisRun(List<GmvMilestoneReached> all) {
        String suffix = scales.current().map(run -> "@" + runId(run)).orElse(null);
        return all.stream().filter(m -> suffix == null ? !m.milestoneId().contains("@") : m.milestoneId().endsWith(suffix))
                .toList();
    }

    /** One run, one set of milestones: an announcement is a new run. */
    public static String runId(RunScales.RunScale run) {
        return Long.toString(run.setAt().toEpochMilli(), 36);
    }
}
