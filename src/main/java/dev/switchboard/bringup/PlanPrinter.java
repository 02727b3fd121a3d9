package dev.switchboard.bringup;

/**
 * Prints a bring-up plan for {@code --dry-run}: every remote command in order, secrets masked, and the unit file a
 * systemd host would get. It works on {@link RemoteFacts#assumed} facts since a dry run contacts nothing.
 */
final class PlanPrinter {

    private PlanPrinter() {
    }

    static String print(BringUpOptions options, BringUpPlan plan, boolean hasToken) {
        SshTarget ssh = options.ssh();
        RemoteFacts facts = RemoteFacts.assumed(ssh.user(), options.supervisor());
        StringBuilder text = new StringBuilder();
        text.append("# Bring-up plan (dry run: nothing is contacted, nothing runs)\n");
        text.append("# Assumed until a real run asks the host: home ").append(facts.home()).append(", supervisor ")
                .append(facts.supervisor().name().toLowerCase(java.util.Locale.ROOT))
                .append(facts.sudo() ? " through sudo -n" : "").append(".\n");
        text.append("# Hugging Face token: ").append(hasToken
                ? "from $" + options.hfTokenEnv() + ", sent on the download command's stdin only"
                : "$" + options.hfTokenEnv() + " is not set; anonymous download").append(".\n");
        text.append("# Each step checks first and skips when already done; all of it is bounded by --timeout ")
                .append(options.timeout().toSeconds()).append("s.\n\n");
        text.append("[connect] ssh ").append(ssh.destination()).append(" port ").append(ssh.port())
                .append(", key ").append(ssh.identities()).append(", ")
                .append(new HostKeyPolicy(ssh.knownHosts(), ssh.acceptNewHostKey()).describe()).append('\n');
        text.append("[facts]   run:   ").append(plan.factsProbe().display()).append('\n');
        String unitFile = null;
        for (Step step : plan.steps(facts)) {
            String name = String.format("%-9s", "[" + step.name() + "]");
            text.append(name).append(" # ").append(step.purpose()).append('\n');
            String pad = " ".repeat(name.length());
            switch (step) {
                case Step.Check check -> text.append(pad).append(" run:   ").append(check.command().display());
                case Step.Ensure ensure -> {
                    text.append(pad).append(" check: ").append(ensure.check().display()).append('\n');
                    text.append(pad).append(" else:  ").append(ensure.action().display());
                    if (ensure.action().stdin() != null && !ensure.action().secretStdin()) {
                        unitFile = ensure.action().stdin();
                    }
                }
                case Step.Await await -> text.append(pad).append(" poll:  ").append(await.probe().display())
                        .append("    # every ").append(options.pollInterval().toMillis()).append(" ms");
            }
            text.append('\n');
        }
        if (unitFile != null) {
            text.append("\n# The unit file:\n");
            unitFile.lines().forEach(line -> text.append("#   ").append(line).append('\n'));
        }
        text.append('\n').append(ProviderSnippet.render(options));
        return text.toString();
    }
}
