package dev.switchboard.bringup;

import dev.switchboard.bringup.RemoteFacts.Supervisor;
import dev.switchboard.bringup.RemoteFacts.SupervisorChoice;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

class VllmServiceTest {

    @Test
    void quotesUnitArgumentsSoSystemdPassesThemVerbatim() {
        // given a served name with a space and an argument with systemd's specifier and variable characters
        VllmService service = service("qwen 3", List.of("--chat-template=/srv/t%1$x.jinja"));

        // when the unit file is written
        String unit = service.unitFile();

        // then spaces are quoted and % / $ are escaped, so systemd neither splits nor expands them
        assertThat(unit, containsString(" --served-model-name \"qwen 3\" "));
        assertThat(unit, containsString(" \"--chat-template=/srv/t%%1$$x.jinja\"\n"));
        assertThat(unit, containsString("User=gpuuser\n"));
        assertThat(unit, containsString("WorkingDirectory=/home/gpuuser\n"));
    }

    @Test
    void namesTheUnitAndPidFileAfterThePortSoOneHostCanServeSeveralModels() {
        VllmService service = service("qwen3-8b", List.of());

        assertEquals("switchboard-vllm-8000.service", service.unitName());
        assertEquals("/home/gpuuser/switchboard-vllm/switchboard/vllm-8000.pid", service.pidFile());
    }

    private static VllmService service(String served, List<String> extraArgs) {
        SshTarget ssh = new SshTarget("gpuuser", "gpu.example", 22, List.of(Path.of("id")), false,
                Path.of("known_hosts"), false, Duration.ofSeconds(5));
        BringUpOptions options = new BringUpOptions(ssh, "Qwen/Qwen3-8B", served, 8000, 8000, 1, 32768, "127.0.0.1",
                extraArgs, "vllm", "HF_TOKEN", "~/switchboard-vllm", SupervisorChoice.AUTO, "vllm_qwen", false,
                Duration.ofMinutes(1), Duration.ofSeconds(1));
        return new VllmService(options, new RemoteFacts("gpuuser", "/home/gpuuser", Supervisor.SYSTEMD, true));
    }
}
