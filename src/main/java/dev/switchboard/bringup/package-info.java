/**
 * {@code bringup}: turns a bare GPU host reachable over SSH into a vLLM server the router can use.
 *
 * <p>{@link dev.switchboard.bringup.BringUpMain} parses the options, {@link dev.switchboard.bringup.BringUpPlan}
 * turns them into {@link dev.switchboard.bringup.Step}s (each one checks before it acts, so a second run changes
 * nothing), and a runner executes them through a {@link dev.switchboard.bringup.RemoteShell} (SSH in production,
 * any shell in tests). Secrets travel on a command's stdin, never on a command line.
 */
package dev.switchboard.bringup;
