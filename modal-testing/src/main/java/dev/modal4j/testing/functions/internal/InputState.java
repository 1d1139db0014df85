package dev.modal4j.testing.functions.internal;

import dev.modal4j.proto.FunctionInput;
import dev.modal4j.proto.GenericResult.GenericStatus;

/** One input of a call and its current attempt. Guarded by the owning call's lock. */
public final class InputState {
  final CallState call;
  final int idx;
  final String inputId;
  FunctionInput input;
  int attempt;
  int retryCount;
  boolean finished;
  boolean lost;
  Thread runner;
  double startedAt;
  final long createdAtMillis = System.currentTimeMillis();
  GenericStatus status = GenericStatus.GENERIC_STATUS_UNSPECIFIED;

  InputState(CallState call, int idx, String inputId, FunctionInput input) {
    this.call = call;
    this.idx = idx;
    this.inputId = inputId;
    this.input = input;
  }

  /** The input's id ({@code in-...}). */
  public String inputId() {
    return inputId;
  }

  /** The input's index in its call. */
  public int idx() {
    return idx;
  }
}
