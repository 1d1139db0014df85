package dev.modal4j.testing.sandboxes.docker;

import dev.modal4j.testing.sandboxes.backend.ExitStatus;

/**
 * Turns the engine's exit code into an {@link ExitStatus}. The engine reports a process killed by
 * signal n as code 128 + n, the same as a process that exits with that code; it is read as a signal
 * when the backend sent that signal itself, or when it is SIGKILL (137: terminate, the engine's
 * kill, the out-of-memory killer).
 */
final class ExitMapping {

  private static final int SIGKILL = 9;

  private ExitMapping() {}

  /**
   * The status of a process that ended with {@code code}.
   *
   * @param signalSent the last signal the backend sent to the process, 0 for none
   * @param oomKilled whether the engine says the out-of-memory killer ended it
   */
  static ExitStatus of(long code, int signalSent, boolean oomKilled) {
    if (oomKilled) {
      return ExitStatus.killed(SIGKILL);
    }
    if (code > 128 && code <= 128 + 64) {
      int signal = (int) code - 128;
      if (signal == signalSent || signal == SIGKILL) {
        return ExitStatus.killed(signal);
      }
    }
    return ExitStatus.exited((int) code);
  }
}
