package dev.modal4j.testing.functions.internal;

import dev.modal4j.proto.FunctionCallInfo;
import dev.modal4j.proto.InputCategoryInfo;

/** FunctionCallGetInfo's view of a call: its retained inputs counted by outcome. */
public final class CallInfos {
  private CallInfos() {}

  /** The info of {@code call}, read under its lock. */
  public static FunctionCallInfo of(CallState call) {
    int pending = 0;
    int failed = 0;
    int succeeded = 0;
    int timedOut = 0;
    int cancelled = 0;
    int total;
    synchronized (call) {
      for (InputState in : call.retainedInputs()) {
        if (!in.finished) {
          pending++;
          continue;
        }
        switch (in.status) {
          case GENERIC_STATUS_SUCCESS -> succeeded++;
          case GENERIC_STATUS_TIMEOUT, GENERIC_STATUS_IDLE_TIMEOUT -> timedOut++;
          case GENERIC_STATUS_TERMINATED -> cancelled++;
          default -> failed++;
        }
      }
      total = Math.max(call.numInputs, pending + failed + succeeded + timedOut + cancelled);
      if (call.cancelled && pending > 0) {
        cancelled += pending;
        pending = 0;
      }
    }
    return FunctionCallInfo.newBuilder()
        .setFunctionCallId(call.id())
        .setCreatedAt(call.createdAtMillis / 1000.0)
        .setPendingInputs(category(pending))
        .setFailedInputs(category(failed))
        .setSucceededInputs(category(succeeded))
        .setTimeoutInputs(category(timedOut))
        .setCancelledInputs(category(cancelled))
        .setTotalInputs(total)
        .build();
  }

  private static InputCategoryInfo category(int total) {
    return InputCategoryInfo.newBuilder().setTotal(total).build();
  }
}
