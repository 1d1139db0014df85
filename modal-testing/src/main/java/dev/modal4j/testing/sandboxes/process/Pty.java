package dev.modal4j.testing.sandboxes.process;

import java.util.List;

/**
 * Runs a command on a pseudo-terminal with util-linux {@code script}: the command's stdout and
 * stderr both go to the terminal, whose output is the process's stdout; {@code script} returns the
 * command's exit code.
 */
final class Pty {
  private Pty() {}

  static List<String> wrap(List<String> args) {
    StringBuilder line = new StringBuilder();
    for (String arg : args) {
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(quote(arg));
    }
    return List.of("script", "-qefc", line.toString(), "/dev/null");
  }

  /** The argument as one POSIX shell word. */
  static String quote(String arg) {
    return "'" + arg.replace("'", "'\\''") + "'";
  }
}
