package dev.modal4j.testing.functions.internal;

import dev.modal4j.proto.FunctionCallInvocationType;
import dev.modal4j.proto.FunctionCallType;
import dev.modal4j.testing.functions.DeployedFunction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One function call ({@code fc-...}): its inputs, its output stream with parked long polls, and for
 * generators its item stream. All mutable state is guarded by this object's monitor.
 */
public final class CallState {
  final String id;
  final DeployedFunction function;
  final FunctionCallType type;
  final FunctionCallInvocationType invocation;
  final String parentInputId;
  final String jwt;
  final long createdAtMillis = System.currentTimeMillis();
  final Map<Integer, InputState> inputs = new HashMap<>();
  final OutputLog outputs = new OutputLog();
  private final List<Waiter> waiters = new ArrayList<>();
  private DataLog data;
  int numInputs;
  int unfinished;
  boolean cancelled;
  int declaredInputs = -1;
  boolean expiring;
  int retentionGeneration;
  java.util.concurrent.Future<?> expiryTask;

  CallState(
      String id,
      DeployedFunction function,
      FunctionCallType type,
      FunctionCallInvocationType invocation,
      String parentInputId,
      String jwt) {
    this.id = id;
    this.function = function;
    this.type = type;
    this.invocation = invocation;
    this.parentInputId = parentInputId;
    this.jwt = jwt;
  }

  /** The call id. */
  public String id() {
    return id;
  }

  /** The function being called. */
  public DeployedFunction function() {
    return function;
  }

  /** The JWT identifying this call in FunctionRetryInputs. */
  public String jwt() {
    return jwt;
  }

  /** The id of the input that made this call, or "". */
  public String parentInputId() {
    return parentInputId;
  }

  /** Whether cursor-acknowledged outputs may be dropped (synchronous maps). */
  boolean trimsAcknowledgedOutputs() {
    return type == FunctionCallType.FUNCTION_CALL_TYPE_MAP
        && invocation == FunctionCallInvocationType.FUNCTION_CALL_INVOCATION_TYPE_SYNC;
  }

  boolean isAsync() {
    return invocation == FunctionCallInvocationType.FUNCTION_CALL_INVOCATION_TYPE_ASYNC
        || invocation == FunctionCallInvocationType.FUNCTION_CALL_INVOCATION_TYPE_ASYNC_LEGACY;
  }

  synchronized DataLog data() {
    if (data == null) {
      data = new DataLog();
    }
    return data;
  }

  /** Parks a waiter (call-locked). */
  void park(Waiter waiter) {
    waiters.add(waiter);
  }

  void unpark(Waiter waiter) {
    waiters.remove(waiter);
  }

  /** Removes and returns the waiters that {@code entry} wakes (call-locked). */
  List<Waiter> takeWaitersFor(OutputEntry entry) {
    List<Waiter> woken = null;
    for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
      Waiter w = it.next();
      if (w.isDone()) {
        it.remove();
      } else if (w.wants(entry)) {
        it.remove();
        if (woken == null) {
          woken = new ArrayList<>(2);
        }
        woken.add(w);
      }
    }
    return woken == null ? List.of() : woken;
  }

  /** Snapshot of the retained inputs (call-locked). */
  List<InputState> retainedInputs() {
    return new ArrayList<>(inputs.values());
  }
}
