package dev.modal4j.functions;

/**
 * A snapshot of a running map, passed to a {@link MapProgressListener}.
 *
 * <p>A map's listener is called one snapshot at a time, and no count in a snapshot is ever lower
 * than in the one before. When the map completes, the last snapshot carries the final counts
 * ({@code outputsReceived} equal to the number of inputs, {@code inputsDone} true) and is delivered
 * before the map's result stream ends or its {@code mapAsync} future completes. A map that fails or
 * is closed early stops reporting without a final snapshot.
 *
 * @param inputsSent inputs submitted to Modal so far
 * @param outputsReceived inputs whose final output has arrived (success or failure)
 * @param retries inputs resubmitted after a failed attempt (policy and system retries)
 * @param failures inputs that failed for good
 * @param inputsDone true once every input has been read from the caller's source
 */
public record MapProgress(
    long inputsSent, long outputsReceived, long retries, long failures, boolean inputsDone) {}
