package dev.modal4j.sandboxes;

import dev.modal4j.InvalidException;
import dev.modal4j.proto.GenericResult;
import dev.modal4j.proto.GenericResult.GenericStatus;
import java.util.OptionalInt;

/** Modal's exit codes for sandbox results and exec statuses (protocol/resources.md §5.5, §5.10). */
final class ExitCodes {
  /** A sandbox that reached its timeout. */
  static final int TIMEOUT = 124;

  /** A sandbox that was terminated. */
  static final int TERMINATED = 137;

  private ExitCodes() {}

  /** The sandbox's exit code, or empty while it runs (no result, or UNSPECIFIED). */
  static OptionalInt of(GenericResult result, boolean present) {
    if (!present || result.getStatus() == GenericStatus.GENERIC_STATUS_UNSPECIFIED) {
      return OptionalInt.empty();
    }
    switch (result.getStatus()) {
      case GENERIC_STATUS_TIMEOUT:
        return OptionalInt.of(TIMEOUT);
      case GENERIC_STATUS_TERMINATED:
        return OptionalInt.of(TERMINATED);
      default:
        return OptionalInt.of(result.getExitcode());
    }
  }

  /** An exec's exit code: its code, or 128 + the signal that ended it; empty while it runs. */
  static OptionalInt ofExec(boolean hasCode, int code, boolean hasSignal, int signal) {
    if (hasCode) {
      return OptionalInt.of(code);
    }
    if (hasSignal) {
      return OptionalInt.of(128 + signal);
    }
    return OptionalInt.empty();
  }

  /** Like {@link #ofExec} for a finished exec; neither set is an error. */
  static int finished(boolean hasCode, int code, boolean hasSignal, int signal) {
    OptionalInt c = ofExec(hasCode, code, hasSignal, signal);
    if (c.isEmpty()) {
      throw new InvalidException("Unexpected exit status");
    }
    return c.getAsInt();
  }
}
