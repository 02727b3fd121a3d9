package dev.switchboard.admission;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.dialect.ApiError;
import dev.switchboard.dialect.ErrorKind;
import dev.switchboard.dialect.RequestFeatures;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Which images a request may carry ({@code switchboard.images}): URLs only on allowed hosts when an allow-list is
 * set, inline data unless turned off. An upstream that fetches image URLs would otherwise fetch whatever a caller
 * names, internal addresses included; a refused request sends nothing upstream.
 */
@ApplicationScoped
public class ImagePolicy {

    private final List<String> allowedHosts;
    private final boolean allowDataUrls;

    public ImagePolicy(SwitchboardConfig config) {
        this.allowedHosts = config.images().allowedHosts().orElse(List.of()).stream()
                .map(host -> host.strip().toLowerCase(Locale.ROOT)).toList();
        this.allowDataUrls = config.images().allowDataUrls();
    }

    /** Null when every image of the request may be sent; else the 400 that names what may not. */
    public ApiError check(RequestFeatures features) {
        for (String source : features.imageSources()) {
            if (source.equals(RequestFeatures.INLINE)) {
                if (!allowDataUrls) {
                    return refuse("images carried in the request (data: URLs, base64) are not accepted here; send an"
                            + " https URL" + (allowedHosts.isEmpty() ? "" : " on an allowed host: " + hosts()));
                }
            } else if (!source.equals(RequestFeatures.STORED) && !allowedHosts.isEmpty()) {
                String host = host(source);
                if (host == null) {
                    return refuse("an image URL must be http(s) with a host on the allow-list (" + hosts() + ")");
                }
                if (!allowed(host)) {
                    return refuse("image host '" + host + "' is not allowed; image URLs may point at: " + hosts());
                }
            }
        }
        return null;
    }

    private boolean allowed(String host) {
        for (String allowed : allowedHosts) {
            if (allowed.startsWith("*.") ? host.endsWith(allowed.substring(1)) : host.equals(allowed)) {
                return true;
            }
        }
        return false;
    }

    private String hosts() {
        return String.join(", ", allowedHosts);
    }

    /** The URL's host, lower case, when it is an http(s) URL with one; else null. */
    private static String host(String url) {
        try {
            URI uri = URI.create(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return printable(uri.getHost().toLowerCase(Locale.ROOT));
            }
        } catch (IllegalArgumentException e) {
            // not a URL
        }
        return null;
    }

    private static String printable(String host) {
        String cut = host.length() > 253 ? host.substring(0, 253) : host;
        return cut.replaceAll("[^\\x21-\\x7e]", "?");
    }

    private static ApiError refuse(String message) {
        return new ApiError(ErrorKind.INVALID_REQUEST, message, "image_not_allowed", null, 0);
    }
}
