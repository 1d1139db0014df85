package dev.modal4j.internal.map;

import dev.modal4j.proto.FunctionGetOutputsItem;
import dev.modal4j.proto.FunctionRetryPolicy;
import java.time.Duration;
import java.util.List;

/**
 * The RPCs of one map, on the control plane or the input plane. Methods block; the pipeline calls
 * them from its own threads and interrupts them on close.
 */
public interface MapBackend {

  /** Opens the map call; returns how many inputs may be outstanding at once. */
  int open();

  /** Submits fresh inputs; returns one token (input JWT or attempt token) per item, in order. */
  List<String> put(List<MapItem> items);

  /** Resubmits inputs after failed attempts; returns their new tokens, in order. */
  List<String> retry(List<MapItem> items);

  /**
   * Long-polls for outputs after the backend's own cursor.
   *
   * @param waiting items waiting for an output long enough that their tokens should be sent along
   */
  List<FunctionGetOutputsItem> await(Duration timeout, List<MapItem> waiting);

  /** Which of {@code waiting} the server lost (input plane); all false where not supported. */
  List<Boolean> checkLost(List<MapItem> waiting);

  /** True when the backend supports {@link #checkLost}. */
  boolean checksLostInputs();

  /** The retry policy the server returned for this call. */
  FunctionRetryPolicy retryPolicy();

  /** Whether failed inputs are retried by the client (per the server's answer). */
  boolean clientRetriesEnabled();

  /** The id of the function call, once opened. */
  String functionCallId();

  /** Cancels the remote call (the map stopped early). Best effort; never throws. */
  void cancel();

  /** Tells the server every output was read (the map finished). Best effort; never throws. */
  void acknowledge();
}
