package dev.modal4j.testing.sandboxes.backend;

/**
 * How a process ended: with an exit code, or killed by a signal.
 *
 * @param code the exit code, meaningful when {@code signal} is 0
 * @param signal the number of the signal that killed it, 0 when it exited by itself
 */
public record ExitStatus(int code, int signal) {

  /** A process that exited with {@code code}. */
  public static ExitStatus exited(int code) {
    return new ExitStatus(code, 0);
  }

  /** A process killed by signal {@code signal}. */
  public static ExitStatus killed(int signal) {
    return new ExitStatus(0, signal);
  }

  /** Whether a signal ended the process. */
  public boolean signalled() {
    return signal != 0;
  }

  /** The shell's view: the code, or 128 plus the signal. */
  public int shellCode() {
    return signalled() ? 128 + signal : code;
  }
}
