package dev.modal4j.testing.functions;

import dev.modal4j.proto.GenericResult.GenericStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How one input of a function call ended in the emulator, with its times.
 *
 * @param functionId the function that ran it ({@code fu-...})
 * @param functionCallId its call ({@code fc-...})
 * @param inputId the input ({@code in-...})
 * @param status its result's status (success, failure, timeout, ...)
 * @param enqueuedAt when the emulator accepted the input
 * @param startedAt when its handler started; empty if it never did
 * @param finishedAt when its result was recorded
 */
public record InputOutcome(
    String functionId,
    String functionCallId,
    String inputId,
    GenericStatus status,
    Instant enqueuedAt,
    Optional<Instant> startedAt,
    Instant finishedAt) {
  /** Checks that nothing is null. */
  public InputOutcome {
    Objects.requireNonNull(functionId);
    Objects.requireNonNull(functionCallId);
    Objects.requireNonNull(inputId);
    Objects.requireNonNull(status);
    Objects.requireNonNull(enqueuedAt);
    Objects.requireNonNull(startedAt);
    Objects.requireNonNull(finishedAt);
  }
}
