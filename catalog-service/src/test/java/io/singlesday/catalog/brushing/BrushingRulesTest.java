package io.singlesday.catalog.brushing;

import io.singlesday.catalog.brushing.BrushingRules.Facts;
import io.singlesday.catalog.brushing.BrushingRules.Settings;
import io.singlesday.catalog.brushing.BrushingRules.Signal;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The detector's decisions without a broker or a database: which signals an order shows and when they add up. */
class BrushingRulesTest {

    private final BrushingRules rules = new BrushingRules(new Settings(55, 3, 5, 1_000, 60, 20, 5));

    /** An honest first order: own device, own wallet, own door, a normal price, a quiet hour. */
    private static Facts honest() {
        return new Facts(false, 1, 1, 1, 1, 1, 5_900, 5_900, false, 1, 3, 2);
    }

    @Test
    void anHonestOrderShowsNothing() {
        assertThat(rules.atConfirmation(honest())).isEmpty();
        assertThat(rules.suspected(rules.atConfirmation(honest()))).isFalse();
    }

    @Test
    void everyWeakSignalTogetherStaysBelowTheThreshold() {
        // A new buyer of a cheap item at a busy hour, delivered to an office many buyers share: not brushing by itself.
        List<Signal> signals = rules.atConfirmation(new Facts(false, 1, 1, 2, 2, 9, 300, 300, true, 1, 80, 4));
        assertThat(signals).extracting(Signal::name).containsExactlyInAnyOrder(BrushingRules.SHARED_ADDRESS,
                BrushingRules.TINY_PRICE, BrushingRules.FIRST_ORDER, BrushingRules.STORE_BURST);
        assertThat(BrushingRules.score(signals)).isEqualTo(50);
        assertThat(rules.suspected(signals)).isFalse();
    }

    @Test
    void howABuyerBehavesAloneNeverMakesARing() {
        // A returning buyer of a cheap item in a busy hour who sends it back at once: 70 points, no tie to anyone.
        List<Signal> signals = new java.util.ArrayList<>(rules.atConfirmation(new Facts(false, 1, 1, 1, 1, 1, 300, 300, false, 2, 80, 4)));
        signals.add(rules.refunded(5).orElseThrow());
        assertThat(BrushingRules.score(signals)).isEqualTo(70);
        assertThat(rules.suspected(signals)).isFalse();
    }

    @Test
    void aHouseholdSharingOnePhoneIsNotACluster() {
        assertThat(rules.atConfirmation(new Facts(false, 1, 1, 2, 2, 2, 5_900, 5_900, false, 1, 1, 0))).isEmpty();
        assertThat(rules.atConfirmation(new Facts(false, 1, 1, 3, 2, 3, 5_900, 5_900, false, 1, 1, 0)))
                .extracting(Signal::name).containsExactly(BrushingRules.SHARED_DEVICE);
    }

    @Test
    void sharedDevicesAndWalletsTogetherAreSuspected() {
        List<Signal> signals = rules.atConfirmation(new Facts(false, 1, 1, 4, 3, 1, 5_900, 5_900, false, 1, 1, 0));
        assertThat(BrushingRules.score(signals)).isEqualTo(70);
        assertThat(rules.suspected(signals)).isTrue();
        assertThat(signals.getFirst().evidence()).isEqualTo("a device shared by 4 buyers of this store");
    }

    @Test
    void oneClusterNeedsASecondSignalToAgree() {
        assertThat(rules.suspected(rules.atConfirmation(new Facts(false, 1, 1, 5, 1, 1, 5_900, 5_900, false, 1, 1, 0)))).isFalse();
        assertThat(rules.suspected(rules.atConfirmation(new Facts(false, 1, 1, 5, 1, 1, 500, 500, true, 1, 1, 0)))).isTrue();
    }

    @Test
    void aWebOfBuyersTiedByPhonesAndWalletsIsARingOnItsOwn() {
        assertThat(rules.atConfirmation(new Facts(false, 4, 1, 2, 2, 1, 5_900, 5_900, false, 1, 1, 0))).isEmpty();
        List<Signal> ring = rules.atConfirmation(new Facts(false, 5, 1, 2, 2, 1, 5_900, 5_900, false, 1, 1, 0));
        assertThat(ring).extracting(Signal::name).containsExactly(BrushingRules.LINKED_BUYERS);
        assertThat(rules.suspected(ring)).isTrue();
        assertThat(ring.getFirst().evidence()).contains("one of 5 buyers");
    }

    @Test
    void buyingAgainAndAgainAtOneStoreAddsToASharedWallet() {
        assertThat(rules.atConfirmation(new Facts(false, 1, 1, 1, 1, 1, 5_900, 5_900, false, 1, 1, 0))).isEmpty();
        List<Signal> again = rules.atConfirmation(new Facts(false, 1, 1, 1, 3, 1, 5_900, 5_900, false, 2, 1, 0));
        assertThat(again).extracting(Signal::name).containsExactly(BrushingRules.SHARED_PAYMENT, BrushingRules.REPEAT_BUYER);
        assertThat(rules.suspected(again)).isTrue();
        assertThat(rules.suspected(rules.atConfirmation(new Facts(false, 1, 1, 1, 1, 1, 5_900, 5_900, false, 9, 1, 0))))
                .as("a loyal customer alone").isFalse();
    }

    @Test
    void aWebTiedByAddressesNeedsAnotherSignal() {
        List<Signal> office = rules.atConfirmation(new Facts(false, 1, 8, 1, 1, 8, 5_900, 5_900, false, 1, 1, 0));
        assertThat(office).as("the door counted once").extracting(Signal::name).containsExactly(BrushingRules.LINKED_BY_ADDRESS);
        assertThat(rules.suspected(office)).isFalse();
        assertThat(rules.atConfirmation(new Facts(false, 1, 6, 1, 1, 1, 5_900, 5_900, false, 1, 1, 0)))
                .as("one buyer short").isEmpty();
        assertThat(rules.suspected(rules.atConfirmation(new Facts(false, 1, 7, 1, 1, 1, 5_900, 5_900, false, 3, 1, 0))))
                .as("and buying again and again").isTrue();
        assertThat(rules.atConfirmation(new Facts(false, 5, 8, 1, 1, 1, 5_900, 5_900, false, 1, 1, 0)))
                .as("a tight web says it all").extracting(Signal::name).containsExactly(BrushingRules.LINKED_BUYERS);
    }

    @Test
    void theStoresOwnStaffBuyingIsSuspectedOnItsOwn() {
        List<Signal> signals = rules.atConfirmation(new Facts(true, 1, 1, 1, 1, 1, 5_900, 5_900, false, 1, 1, 0));
        assertThat(signals).extracting(Signal::name).containsExactly(BrushingRules.STAFF_BUYER);
        assertThat(rules.suspected(signals)).isTrue();
    }

    @Test
    void aRefundCountsOnlyWhenItComesQuickly() {
        assertThat(rules.refunded(60)).map(Signal::weight).contains(30);
        assertThat(rules.refunded(61)).isEmpty();
    }

    @Test
    void aBurstIsMeasuredAgainstTheStoresOwnDay() {
        assertThat(rules.atConfirmation(new Facts(false, 1, 1, 1, 1, 1, 5_900, 5_900, false, 1, 25, 6)))
                .as("25 is less than five times 6").isEmpty();
        assertThat(rules.atConfirmation(new Facts(false, 1, 1, 1, 1, 1, 5_900, 5_900, false, 1, 25, 5)))
                .extracting(Signal::name).containsExactly(BrushingRules.STORE_BURST);
        assertThat(rules.atConfirmation(new Facts(false, 1, 1, 1, 1, 1, 5_900, 5_900, false, 1, 20, 0)))
                .as("a store with no orders the day before").extracting(Signal::name).containsExactly(BrushingRules.STORE_BURST);
        assertThat(rules.atConfirmation(new Facts(false, 1, 1, 1, 1, 1, 5_900, 5_900, false, 1, 19, 0))).isEmpty();
    }

    @Test
    void settingsOutOfRangeAreRefusedByName() {
        assertThatThrownBy(() -> new Settings(0, 3, 5, 1_000, 60, 20, 5)).hasMessageContaining("catalog.brushing.threshold");
        assertThatThrownBy(() -> new Settings(101, 3, 5, 1_000, 60, 20, 5)).hasMessageContaining("out of 100");
        assertThatThrownBy(() -> new Settings(55, 1, 5, 1_000, 60, 20, 5)).hasMessageContaining("cluster-shoppers");
        assertThatThrownBy(() -> new Settings(55, 3, 3, 1_000, 60, 20, 5)).hasMessageContaining("ring-buyers");
        assertThatThrownBy(() -> new Settings(55, 3, 5, -1, 60, 20, 5)).hasMessageContaining("tiny-unit-fen");
        assertThatThrownBy(() -> new Settings(55, 3, 5, 1_000, 0, 20, 5)).hasMessageContaining("quick-refund-minutes");
    }
}
