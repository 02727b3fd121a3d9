package dev.switchboard.health;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/** The two control-plane calls of an active probe, through Quarkus's REST client (one client per provider). */
@Path("")
public interface ProbeApi {

    /** {@code GET <path>} below the client's base URI; the status is read by the caller, never thrown. */
    @GET
    @Path("{path}")
    Uni<Response> get(@PathParam("path") @Encoded String path);
}
