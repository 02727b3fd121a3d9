package dev.switchboard.admission;

import dev.switchboard.config.CallerConfig;
import dev.switchboard.dialect.ApiError;
import dev.switchboard.dialect.ErrorKind;
import dev.switchboard.config.SwitchboardConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * The configured callers, found by the token a request presents. Tokens are known only by their SHA-256; a
 * presented token is hashed and compared with every caller's hash in constant time, so neither the token nor which
 * caller it nearly matched leaks through timing.
 */
@ApplicationScoped
public class Callers {

    private static final Logger LOG = Logger.getLogger(Callers.class);

    private final List<Entry> entries = new ArrayList<>();
    private final boolean anonymous;
    private final boolean hideForbidden;

    public Callers(SwitchboardConfig config) {
        config.callers().forEach((name, caller) -> entries.add(new Entry(name, Tokens.fromHex(caller.tokenSha256()),
                caller)));
        this.anonymous = config.access().anonymous();
        this.hideForbidden = config.access().hideForbiddenGroups();
    }

    void warnWhenOpen(@Observes StartupEvent event) {
        if (anonymous) {
            LOG.warn("switchboard.access.anonymous=true: requests without a token are served as the anonymous caller;"
                    + " configure callers and turn it off outside demos and closed networks");
        }
    }

    /** Who presents {@code token} (null when none was presented). */
    public Identity identify(String token) {
        if (token == null) {
            return anonymous ? Identity.ANONYMOUS : Identity.MISSING;
        }
        byte[] hash = Tokens.sha256(token);
        Entry found = null;
        for (Entry entry : entries) {
            if (Tokens.same(entry.hash, hash)) {
                found = entry;
            }
        }
        if (found == null) {
            // SDKs insist on sending some key; when tokens are optional, an unknown one is simply anonymous.
            return anonymous ? Identity.ANONYMOUS : Identity.WRONG;
        }
        return new Identity(found.name, found.config);
    }

    /** Whether a caller that may not use a group gets the same 404 as for a group that does not exist. */
    public boolean hideForbiddenGroups() {
        return hideForbidden;
    }

    private record Entry(String name, byte[] hash, CallerConfig config) { }

    /**
     * The outcome of identifying a request.
     *
     * @param name   the caller's name; {@code anonymous} when tokens are optional and none was sent; null when refused
     * @param config the caller's configuration, or null for the anonymous caller and refusals
     */
    public record Identity(String name, CallerConfig config) {
        static final Identity ANONYMOUS = new Identity("anonymous", null);
        static final Identity MISSING = new Identity(null, null);
        static final Identity WRONG = new Identity(null, null);

        /** Whether the request may go on. */
        public boolean known() {
            return name != null;
        }

        /** Whether the request presented no token at all, as opposed to a wrong one. */
        public boolean missing() {
            return this == MISSING;
        }

        /** The 401 for a request that is not {@link #known()}. */
        public ApiError refusal() {
            return new ApiError(ErrorKind.UNAUTHENTICATED, missing()
                    ? "no token: send your token as 'Authorization: Bearer <token>' or 'x-api-key: <token>'"
                    : "the token is not valid for this router", "invalid_api_key", null, 0);
        }

        /** Whether this caller may use {@code group}; the anonymous caller may use every group. */
        public boolean allows(String group) {
            return config == null || config.allows(group);
        }
    }
}
