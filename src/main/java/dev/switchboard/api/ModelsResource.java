package dev.switchboard.api;

import dev.switchboard.routing.ModelGroup;
import dev.switchboard.routing.Routing;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** {@code GET /v1/models}: the model groups, in OpenAI's list shape. */
@Path("/v1/models")
public class ModelsResource {

    private static final long CREATED = Instant.now().getEpochSecond();

    private final Routing routing;

    public ModelsResource(Routing routing) {
        this.routing = routing;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ModelList list() {
        List<ModelEntry> data = routing.groups().stream()
                .map(ModelGroup::name)
                .sorted(Comparator.naturalOrder())
                .map(name -> new ModelEntry(name, "model", CREATED, "switchboard"))
                .toList();
        return new ModelList("list", data);
    }

    /** OpenAI's model list. */
    public record ModelList(String object, List<ModelEntry> data) { }

    /** One model group as OpenAI's model object. */
    public record ModelEntry(String id, String object, long created, String owned_by) { }
}
