package dev.modal4j.testing.sandboxes.docker;

import dev.modal4j.testing.sandboxes.backend.ExitStatus;

/**
 * Turns the engine's exit code into an {@link ExitStatus}. The engine reports a process killed by
 * signal n as code 128 + n, the same as a process that exits with that code, so every code from 129
 * to 192 is read as a signal (a signal is far the likelier cause; either way the shell's view,
 * {@link ExitStatus#shellCode()}, is the engine's code). The out-of-memory killer is SIGKILL.
 */
final class ExitMapping {

  private static final int SIGKILL = 9;
  private static final int LAST_SIGNAL = 64;

  private ExitMapping() {}

  /**
   * The status of a process that ended with {@code code}.
   *
   * @param oomKilled whether the engine says the out-of-memory killer ended it
   */
  static ExitStatus of(long code, boolean oomKilled) {
    if (oomKilled) {
      return ExitStatus.killed(SIGKILL);
    }
    if (code > 128 && code <= 128 + LAST_SIGNAL) {
      return ExitStatus.killed((int) code - 128);
    }
    return ExitStatus.exited((int) code);
  }
}
