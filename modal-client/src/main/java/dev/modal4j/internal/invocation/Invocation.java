package dev.modal4j.internal.invocation;

import dev.modal4j.proto.FunctionGetOutputsItem;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** One started function input, on the control plane or the input plane. */
interface Invocation {
  /** The server blocks up to this long per poll (protocol §1.6). */
  Duration MAX_POLL = Duration.ofSeconds(55);

  /** The extra client-side deadline on top of a long poll's server-side wait. */
  Duration POLL_GRACE = Duration.ofSeconds(5);

  /** Polls once, waiting up to {@code wait} on the server; completes with null if no output. */
  CompletableFuture<FunctionGetOutputsItem> poll(Duration wait);

  /** Resubmits the input after an INTERNAL_FAILURE; {@code retryCount} is 0 on the first retry. */
  CompletableFuture<Void> retry(int retryCount);

  /** The function call id, when the call went through the control plane. */
  Optional<String> functionCallId();

  /** Epoch seconds, for the {@code requested_at} fields. */
  static double now() {
    return System.currentTimeMillis() / 1000.0;
  }

  static float seconds(Duration d) {
    return d.toNanos() / 1e9f;
  }
}
