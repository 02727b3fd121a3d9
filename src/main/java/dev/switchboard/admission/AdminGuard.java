package dev.switchboard.admission;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.dialect.ApiError;
import dev.switchboard.dialect.Dialect;
import dev.switchboard.dialect.ErrorKind;
import dev.switchboard.dialect.ErrorResponses;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Keeps {@code /metrics} and {@code /admin/*} for operators: they need the admin token ({@code Authorization: Bearer}),
 * whose SHA-256 is {@code switchboard.admin.token_sha256}. A caller's token never opens them. Without a configured
 * admin token the surface is closed, unless {@code switchboard.admin.open} says otherwise.
 */
@ApplicationScoped
public class AdminGuard {

    /** Runs before Quarkus's own handlers for these paths (REST resources, the Prometheus scrape). */
    private static final int ORDER = -10_000;

    private final byte[] adminHash;
    private final boolean open;

    public AdminGuard(SwitchboardConfig config) {
        this.adminHash = config.admin().tokenSha256().map(Tokens::fromHex).orElse(null);
        this.open = config.admin().open();
    }

    void register(@Observes Router router) {
        router.route("/admin/*").order(ORDER).handler(this::check);
        router.route("/metrics").order(ORDER).handler(this::check);
        router.route("/metrics/*").order(ORDER).handler(this::check);
    }

    private void check(RoutingContext context) {
        if (open) {
            context.next();
            return;
        }
        if (adminHash == null) {
            deny(context, new ApiError(ErrorKind.FORBIDDEN, "the admin surface is closed: set"
                    + " switchboard.admin.token_sha256 to open it with a token", "admin_closed", null, 0));
            return;
        }
        String token = Tokens.presented(context.request().getHeader(HttpHeaders.AUTHORIZATION), null);
        if (token == null || !Tokens.same(adminHash, Tokens.sha256(token))) {
            context.response().putHeader("WWW-Authenticate", "Bearer");
            deny(context, new ApiError(ErrorKind.UNAUTHENTICATED, "this path needs the admin token as"
                    + " 'Authorization: Bearer <token>'", "admin_token_required", null, 0));
            return;
        }
        context.next();
    }

    private static void deny(RoutingContext context, ApiError error) {
        ErrorResponses.send(context.response(), Dialect.OPENAI_CHAT, null, error);
    }
}
