package dev.modal4j.testing.functions;

import java.util.List;

/**
 * Told each time an input's handler actually runs (an attempt that reaches user code, not one
 * answered by an injected fault), and when a call's inputs are forgotten because the call expired.
 * Called on handler threads; implementations must be thread-safe and quick.
 */
public interface ExecutionListener {
  /** The handler of input {@code inputId} of call {@code functionCallId} is about to run. */
  void executed(String functionCallId, String inputId);

  /** Call {@code functionCallId} expired; its inputs {@code inputIds} are no longer held. */
  void expired(String functionCallId, List<String> inputIds);

  /** The handler of input {@code inputId} of function {@code functionId} started running. */
  default void started(String functionId, String functionCallId, String inputId) {}

  /** An input got its result (success, failure, timeout, ...). */
  default void finished(InputOutcome outcome) {}

  /** A listener that ignores everything. */
  static ExecutionListener none() {
    return new ExecutionListener() {
      @Override
      public void executed(String functionCallId, String inputId) {}

      @Override
      public void expired(String functionCallId, List<String> inputIds) {}
    };
  }
}
