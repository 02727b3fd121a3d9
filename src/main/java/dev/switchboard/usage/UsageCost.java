package dev.switchboard.usage;

import dev.switchboard.dialect.TokenUsage;
import dev.switchboard.routing.ModelRef;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What one request cost at the prices of the target that answered it, in USD. Exact decimal arithmetic, so a month
 * of rows sums to the cent the prices imply:
 * <ul>
 *   <li>prompt tokens not served from cache, at the input price per million;</li>
 *   <li>cached prompt tokens at the cached-input price (the input price when none is configured);</li>
 *   <li>completion tokens at the output price;</li>
 *   <li>image tokens, when an image-token price is configured, at that price instead of the input price (they are
 *       part of the prompt tokens upstreams report); and each input image at the per-image price.</li>
 * </ul>
 */
public final class UsageCost {

    /** Decimal places kept: a millionth of a cent, so one token at a price of 0.01 USD per million still shows. */
    public static final int SCALE = 10;

    private UsageCost() {
    }

    public static BigDecimal of(ModelRef.Prices prices, TokenUsage usage, int imageCount) {
        long prompt = Math.max(0, usage.promptTokens());
        long cached = clamp(usage.cachedTokens(), prompt);
        long imageTokens = prices.imageTokensPerMillion() > 0 ? clamp(usage.imageTokens(), prompt - cached) : 0;
        long input = prompt - cached - imageTokens;
        BigDecimal perMillion = price(input, prices.inputPerMillion())
                .add(price(cached, prices.cachedInputPerMillion()))
                .add(price(Math.max(0, usage.completionTokens()), prices.outputPerMillion()))
                .add(price(imageTokens, prices.imageTokensPerMillion()));
        BigDecimal images = price(Math.max(0, imageCount), prices.imagePerImage());
        return perMillion.movePointLeft(6).add(images).setScale(SCALE, RoundingMode.HALF_UP);
    }

    private static BigDecimal price(long count, double unitPrice) {
        // valueOf goes through the double's shortest decimal form: 0.15 stays 0.15, not 0.1499999999999999944...
        return count == 0 || unitPrice == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(count).multiply(BigDecimal.valueOf(unitPrice));
    }

    private static long clamp(long value, long max) {
        return Math.max(0, Math.min(value, max));
    }
}
