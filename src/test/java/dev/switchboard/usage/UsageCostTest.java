package dev.switchboard.usage;

import dev.switchboard.dialect.TokenUsage;
import dev.switchboard.routing.ModelRef;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The cost of a request from the chosen target's prices. */
class UsageCostTest {

    private static ModelRef.Prices prices(double input, double output, double cachedInput, double perImage,
                                          double imageTokens) {
        return new ModelRef.Prices(input, output, cachedInput, perImage, imageTokens);
    }

    private static TokenUsage tokens(long prompt, long completion, long cached, long image) {
        return new TokenUsage(prompt, completion, cached, image, true);
    }

    @Test
    void chargesPromptAndCompletionTokensPerMillion() {
        // 1200 * 0.15 / 1e6 + 300 * 0.60 / 1e6 = 0.00018 + 0.00018
        BigDecimal cost = UsageCost.of(prices(0.15, 0.60, 0.15, 0, 0), tokens(1200, 300, 0, 0), 0);

        assertEquals(new BigDecimal("0.0003600000"), cost);
    }

    @Test
    void chargesCachedPromptTokensAtTheCachedPriceAndOnlyTheRestAtTheInputPrice() {
        // (1000 - 800) * 1.00 / 1e6 + 800 * 0.10 / 1e6 + 100 * 2.00 / 1e6 = 0.0002 + 0.00008 + 0.0002
        BigDecimal cost = UsageCost.of(prices(1.00, 2.00, 0.10, 0, 0), tokens(1000, 100, 800, 0), 0);

        assertEquals(new BigDecimal("0.0004800000"), cost);
    }

    @Test
    void cachedTokensCostTheInputPriceWhenNoCachedPriceIsConfigured() {
        // ModelRef.from puts the input price in the cached slot when the key is unset.
        BigDecimal withCache = UsageCost.of(prices(3.0, 0, 3.0, 0, 0), tokens(1000, 0, 600, 0), 0);
        BigDecimal withoutCache = UsageCost.of(prices(3.0, 0, 3.0, 0, 0), tokens(1000, 0, 0, 0), 0);

        assertEquals(withoutCache, withCache);
        assertEquals(new BigDecimal("0.0030000000"), withCache);
    }

    @Test
    void chargesImagesPerImageAndImageTokensAtTheirOwnPriceInsteadOfTheInputPrice() {
        // prompt 2000 of which 500 image tokens: 1500 * 1.0 / 1e6 + 500 * 4.0 / 1e6 + 2 images * 0.002
        BigDecimal cost = UsageCost.of(prices(1.0, 0, 1.0, 0.002, 4.0), tokens(2000, 0, 0, 500), 2);

        assertEquals(new BigDecimal("0.0075000000"), cost);
    }

    @Test
    void imageTokensStayPromptTokensWhenTheyHaveNoPriceOfTheirOwn() {
        BigDecimal cost = UsageCost.of(prices(1.0, 0, 1.0, 0, 0), tokens(2000, 0, 0, 500), 0);

        assertEquals(new BigDecimal("0.0020000000"), cost);
    }

    @Test
    void keepsTheDecimalPricesExactOverAMillionRequests() {
        // 0.1 + 0.2 is 0.30000000000000004 in doubles; a million one-token requests must still sum to 0.3 exactly
        ModelRef.Prices p = prices(0.1, 0.2, 0.1, 0, 0);
        BigDecimal one = UsageCost.of(p, tokens(1, 1, 0, 0), 0);

        assertEquals(new BigDecimal("0.3000000000"), one.multiply(BigDecimal.valueOf(1_000_000)).setScale(10));
    }

    @Test
    void neverChargesNegativeOrInconsistentCounts() {
        // cached above prompt (a confused upstream) is capped at the prompt; negatives count as zero
        BigDecimal cost = UsageCost.of(prices(1.0, 1.0, 0.5, 0, 0), tokens(100, -5, 400, 0), 0);

        assertEquals(new BigDecimal("0.0000500000"), cost);
    }

    @Test
    void isZeroForAFreeTarget() {
        assertEquals(0, UsageCost.of(prices(0, 0, 0, 0, 0), tokens(5000, 5000, 0, 0), 0).signum());
    }
}
