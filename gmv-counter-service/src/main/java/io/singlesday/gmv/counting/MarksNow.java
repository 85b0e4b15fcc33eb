package io.singlesday.gmv.counting;

/**
 * The milestones worth a headline at this moment of a run, given what it has counted: the configured round figures
 * without an announced run, last year's headlines at the run's scale with one. Asked once per batch of sums.
 */
@FunctionalInterface
public interface MarksNow {

    MilestoneMarks at(Figures total);

    static MarksNow fixed(MilestoneMarks marks) {
        return total -> marks;
    }
}
