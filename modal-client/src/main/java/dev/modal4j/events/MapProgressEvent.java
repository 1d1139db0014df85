package dev.modal4j.events;

import dev.modal4j.functions.MapProgress;
import dev.modal4j.internal.Args;

/**
 * Progress of one map ({@code Function.map}, {@code mapAsync}, {@code forEach}, ...).
 *
 * @param mapId identifies the map within the client (stable for its whole run)
 * @param functionName the mapped function as {@code app/function} (with {@code .method} for a class
 *     method)
 * @param progress the map's counts, as its {@code MapProgressListener} sees them
 * @param done true on the last event of the map (it completed, failed or was closed)
 */
public record MapProgressEvent(
    String mapId, String functionName, MapProgress progress, boolean done) {
  /** Checks the arguments. */
  public MapProgressEvent {
    Args.notNull(mapId, "mapId");
    Args.notNull(functionName, "functionName");
    Args.notNull(progress, "progress");
  }

  /** Inputs sent whose final output has not arrived yet; 0 once the map is done. */
  public long inFlight() {
    return done ? 0 : Math.max(0, progress.inputsSent() - progress.outputsReceived());
  }
}
