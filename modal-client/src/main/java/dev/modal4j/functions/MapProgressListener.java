package dev.modal4j.functions;

/**
 * Receives progress of a map as it runs: after each batch of inputs is sent, after outputs arrive,
 * and on retries.
 *
 * <p>Called from modal4j's own threads; keep it quick and thread-safe. An exception it throws is
 * logged and otherwise ignored.
 */
@FunctionalInterface
public interface MapProgressListener {
  /** Called with the latest counts. */
  void onProgress(MapProgress progress);
}
