package dev.modal4j.testing.sandboxes.backend;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A command to run inside a running sandbox.
 *
 * @param args the command and its arguments (never empty)
 * @param env variables added to (and overriding) the sandbox's environment
 * @param workdir the working directory; empty: the sandbox's
 * @param pty whether the command runs on a pseudo-terminal (stderr then goes to stdout)
 */
public record ExecSpec(
    List<String> args, Map<String, String> env, Optional<String> workdir, boolean pty) {

  /** Copies the collections and refuses an empty command. */
  public ExecSpec {
    args = List.copyOf(args);
    env = Map.copyOf(env);
    if (args.isEmpty()) {
      throw new IllegalArgumentException("an exec needs a command");
    }
  }
}
