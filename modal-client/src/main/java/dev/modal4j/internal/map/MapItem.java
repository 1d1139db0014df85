package dev.modal4j.internal.map;

import dev.modal4j.proto.FunctionInput;

/** One input of a map while it is in flight: its encoded input, token and retry state. */
final class MapItem {
  enum State {
    SENDING,
    WAITING,
    WAITING_TO_RETRY,
    RETRYING,
    COMPLETE
  }

  final int idx;
  final FunctionInput input;
  volatile String token = "";
  volatile State state = State.SENDING;
  volatile long waitingSinceNanos;

  /** Resubmissions so far; the server echoes it on outputs, so stale attempts can be told apart. */
  volatile int retryCount;

  /** Retries charged to the function's retry policy. */
  int policyRetries;

  /** Retries after INTERNAL_FAILURE or lost inputs, not charged to the policy. */
  int systemRetries;

  /**
   * A retry decided while the input's token was not known yet (its output overtook the put's
   * response); the sender schedules it once the token is in. Guarded by {@code this}.
   */
  java.time.Duration retryOnceSent;

  MapItem(int idx, FunctionInput input) {
    this.idx = idx;
    this.input = input;
  }
}
