package dev.modal4j.testing.functions.internal;

/** One scheduled attempt of an input; {@code injectFailure} answers INTERNAL_FAILURE instead. */
final class AttemptTask {
  final InputState input;
  final int attempt;
  final boolean injectFailure;

  AttemptTask(InputState input, int attempt, boolean injectFailure) {
    this.input = input;
    this.attempt = attempt;
    this.injectFailure = injectFailure;
  }
}
