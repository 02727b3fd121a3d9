package dev.switchboard.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** {@code GET /version}: which build is running, for smoke tests and for correlating reports with releases. */
@Path("/version")
public class VersionResource {

    private static final Info INFO = load();

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Info version() {
        return INFO;
    }

    /**
     * @param commit    the git commit the build was made from, or {@code unknown} when built outside a checkout
     * @param buildTime when the build ran (ISO-8601)
     */
    public record Info(String name, String version, String commit, String buildTime, boolean dirty) { }

    private static Info load() {
        Properties git = new Properties();
        try (InputStream in = VersionResource.class.getResourceAsStream("/git.properties")) {
            if (in != null) {
                git.load(in);
            }
        } catch (IOException e) {
            // no build information: answer "unknown" rather than fail
        }
        return new Info("switchboard",
                git.getProperty("git.build.version", VersionResource.class.getPackage().getImplementationVersion() == null
                        ? "unknown" : VersionResource.class.getPackage().getImplementationVersion()),
                git.getProperty("git.commit.id", "unknown"),
                git.getProperty("git.build.time", "unknown"),
                Boolean.parseBoolean(git.getProperty("git.dirty", "false")));
    }
}
