package dev.switchboard.api;

import dev.switchboard.admission.Callers;
import dev.switchboard.admission.Tokens;
import dev.switchboard.dialect.Dialect;
import dev.switchboard.routing.ModelGroup;
import dev.switchboard.routing.Routing;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** {@code GET /v1/models}: the model groups the caller's token may use, in OpenAI's list shape. */
@Path("/v1/models")
public class ModelsResource {

    private static final long CREATED = Instant.now().getEpochSecond();

    private final Routing routing;
    private final Callers callers;

    public ModelsResource(Routing routing, Callers callers) {
        this.routing = routing;
        this.callers = callers;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@HeaderParam("Authorization") String authorization, @HeaderParam("x-api-key") String apiKey) {
        Callers.Identity identity = callers.identify(Tokens.presented(authorization, apiKey));
        if (!identity.known()) {
            return Response.status(401).type(MediaType.APPLICATION_JSON)
                    .entity(identity.refusal().body(Dialect.OPENAI_CHAT)).build();
        }
        List<ModelEntry> data = routing.groups().stream()
                .map(ModelGroup::name)
                .filter(identity::allows)
                .sorted(Comparator.naturalOrder())
                .map(name -> new ModelEntry(name, "model", CREATED, "switchboard"))
                .toList();
        return Response.ok(new ModelList("list", data)).build();
    }

    /** OpenAI's model list. */
    public record ModelList(String object, List<ModelEntry> data) { }

    /** One model group as OpenAI's model object. */
    public record ModelEntry(String id, String object, long created, String owned_by) { }
}
