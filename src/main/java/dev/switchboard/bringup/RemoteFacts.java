package dev.switchboard.bringup;

import java.util.List;

/**
 * What the bring-up learns about the host before planning the steps that depend on it.
 *
 * @param user       the remote login name (the service runs as this user)
 * @param home       the remote home directory, absolute ({@code ~} in options resolves against it)
 * @param supervisor how vLLM will be kept running
 * @param sudo       whether privileged commands need {@code sudo -n} (systemd as a non-root user)
 */
public record RemoteFacts(String user, String home, Supervisor supervisor, boolean sudo) {

    /** How the vLLM process is started and kept alive. */
    public enum Supervisor {
        /** A system unit: restarts on failure, survives reboots. Needs root or password-less sudo. */
        SYSTEMD,
        /** {@code nohup} with a pid file: for hosts without systemd or without the right to write units. */
        NOHUP
    }

    /**
     * Prints, one per line: login name, home directory, and {@code systemd-root}, {@code systemd-sudo} or
     * {@code nohup}. Systemd counts only when it is PID 1 ({@code /run/systemd/system}) and we may use it.
     */
    static RemoteCommand probe() {
        return RemoteCommand.of("id -un; printf '%s\\n' \"$HOME\"; "
                + "if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then "
                + "if [ \"$(id -u)\" = 0 ]; then echo systemd-root; "
                + "elif sudo -n true 2>/dev/null; then echo systemd-sudo; else echo nohup; fi; "
                + "else echo nohup; fi");
    }

    /** Reads the output of {@link #probe()}; {@code wanted} overrides the supervisor when the host allows it. */
    static RemoteFacts parse(String stdout, SupervisorChoice wanted) {
        List<String> lines = stdout.strip().lines().map(String::strip).toList();
        if (lines.size() < 3 || lines.get(0).isEmpty() || !lines.get(1).startsWith("/")) {
            throw new IllegalArgumentException("unexpected answer to the host probe: " + lines);
        }
        String found = lines.get(2);
        boolean systemdUsable = found.startsWith("systemd-");
        Supervisor supervisor = switch (wanted) {
            case AUTO -> systemdUsable ? Supervisor.SYSTEMD : Supervisor.NOHUP;
            case NOHUP -> Supervisor.NOHUP;
            case SYSTEMD -> {
                if (!systemdUsable) {
                    throw new IllegalArgumentException("--supervisor systemd, but the host has no systemd as PID 1"
                            + " or the user is neither root nor allowed password-less sudo");
                }
                yield Supervisor.SYSTEMD;
            }
        };
        return new RemoteFacts(lines.get(0), lines.get(1), supervisor, found.equals("systemd-sudo"));
    }

    /**
     * Facts a dry run assumes, since it contacts nothing: the usual home directory, and systemd (through sudo unless
     * the user is root) unless nohup was asked for. A real run asks the host instead.
     */
    static RemoteFacts assumed(String user, SupervisorChoice wanted) {
        boolean root = user.equals("root");
        Supervisor supervisor = wanted == SupervisorChoice.NOHUP ? Supervisor.NOHUP : Supervisor.SYSTEMD;
        return new RemoteFacts(user, root ? "/root" : "/home/" + user, supervisor,
                supervisor == Supervisor.SYSTEMD && !root);
    }

    /** Resolves a leading {@code ~} against the remote home directory. */
    String resolve(String path) {
        if (path.equals("~")) {
            return home;
        }
        if (path.startsWith("~/")) {
            return home + path.substring(1);
        }
        return path;
    }

    /** Prefix for commands that need root: empty as root, {@code sudo -n } otherwise (never prompts). */
    String privileged() {
        return sudo ? "sudo -n " : "";
    }

    /** The operator's choice of supervisor ({@code --supervisor}). */
    public enum SupervisorChoice {
        /** systemd when usable, else nohup. */
        AUTO,
        /** systemd, or fail. */
        SYSTEMD,
        /** nohup even where systemd is available. */
        NOHUP
    }
}
