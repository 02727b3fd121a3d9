package dev.switchboard.admission;

import dev.switchboard.config.SwitchboardConfig;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The tenant of a request without a caller token: {@code X-Tenant-ID}, then {@code X-User-ID}, then the first
 * {@code X-Forwarded-For} address when the peer is a trusted proxy, then the client's address. A caller with a token
 * always has its configured tenant instead.
 */
@ApplicationScoped
public class TenantResolver {

    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,128}");

    private final List<byte[][]> trusted = new ArrayList<>(); // {network, mask}

    public TenantResolver(SwitchboardConfig config) {
        for (String entry : config.access().trustedProxies().orElse(List.of())) {
            trusted.add(cidr(entry.strip()));
        }
    }

    /**
     * @throws BadHeaderException when a tenant header is too long or holds characters outside {@code [A-Za-z0-9._:@/+=-]}
     */
    public String resolve(HttpServerRequest request) {
        String tenant = header(request, "X-Tenant-ID");
        if (tenant == null) {
            tenant = header(request, "X-User-ID");
        }
        if (tenant != null) {
            return tenant;
        }
        SocketAddress peer = request.remoteAddress();
        String peerHost = peer == null ? "unknown" : peer.hostAddress();
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded != null && isTrusted(peerHost)) {
            String first = forwarded.split(",", 2)[0].strip();
            if (!first.isEmpty()) {
                return check("X-Forwarded-For", first);
            }
        }
        return peerHost;
    }

    private static String header(HttpServerRequest request, String name) {
        String value = request.getHeader(name);
        return value == null || value.isEmpty() ? null : check(name, value);
    }

    private static String check(String name, String value) {
        if (!SANE.matcher(value).matches()) {
            throw new BadHeaderException(name + " must be 1 to 128 characters of letters, digits and . _ : @ / + = -");
        }
        return value;
    }

    private boolean isTrusted(String host) {
        byte[] address;
        try {
            address = InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException e) {
            return false;
        }
        for (byte[][] range : trusted) {
            if (range[0].length == address.length && matches(address, range[0], range[1])) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(byte[] address, byte[] network, byte[] mask) {
        for (int i = 0; i < address.length; i++) {
            if ((address[i] & mask[i]) != (network[i] & mask[i])) {
                return false;
            }
        }
        return true;
    }

    private static byte[][] cidr(String entry) {
        String[] parts = entry.split("/", 2);
        try {
            byte[] network = InetAddress.getByName(parts[0]).getAddress();
            int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
            byte[] mask = new byte[network.length];
            for (int i = 0; i < mask.length; i++) {
                int left = Math.max(0, Math.min(8, bits - 8 * i));
                mask[i] = (byte) (0xff << (8 - left));
            }
            return new byte[][] {network, mask};
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("switchboard.access.trusted_proxies: '" + entry
                    + "' is not an address or CIDR range", e);
        }
    }

    /** A tenant header the router will not accept. */
    public static final class BadHeaderException extends RuntimeException {
        BadHeaderException(String message) {
            super(message, null, false, false);
        }
    }
}
