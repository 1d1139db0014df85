package dev.modal4j.testing.observability;

import dev.modal4j.testing.functions.ExecutionListener;
import dev.modal4j.testing.functions.InputOutcome;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every input outcome the emulator's functions produced, by function, and the inputs running now.
 * Keeps the newest {@value #MAX_PER_FUNCTION} outcomes of each function.
 */
public final class FunctionRuns implements ExecutionListener {
  /** Outcomes kept per function. */
  public static final int MAX_PER_FUNCTION = 100_000;

  /** An input whose handler started and has no result yet. */
  record Running(String functionId, Instant startedAt) {}

  private final Map<String, Deque<InputOutcome>> outcomes = new ConcurrentHashMap<>();
  private final Map<String, Running> running = new ConcurrentHashMap<>();

  @Override
  public void executed(String functionCallId, String inputId) {}

  @Override
  public void expired(String functionCallId, List<String> inputIds) {}

  @Override
  public void started(String functionId, String functionCallId, String inputId) {
    running.put(inputId, new Running(functionId, Instant.now()));
  }

  @Override
  public void finished(InputOutcome outcome) {
    running.remove(outcome.inputId());
    Deque<InputOutcome> list =
        outcomes.computeIfAbsent(outcome.functionId(), id -> new ArrayDeque<>());
    synchronized (list) {
      list.addLast(outcome);
      if (list.size() > MAX_PER_FUNCTION) {
        list.removeFirst();
      }
    }
  }

  /** The outcomes of {@code functionId}, oldest first. */
  public List<InputOutcome> outcomes(String functionId) {
    Deque<InputOutcome> list = outcomes.get(functionId);
    if (list == null) {
      return List.of();
    }
    synchronized (list) {
      return new ArrayList<>(list);
    }
  }

  /** Inputs of {@code functionId} whose handler started before {@code at} and is still running. */
  long runningAt(String functionId, Instant at) {
    return running.values().stream()
        .filter(r -> r.functionId().equals(functionId) && r.startedAt().isBefore(at))
        .count();
  }
}
