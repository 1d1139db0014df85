package dev.modal4j.functions;

/**
 * A snapshot of a running map, passed to a {@link MapProgressListener}.
 *
 * @param inputsSent inputs submitted to Modal so far
 * @param outputsReceived inputs whose final output has arrived (success or failure)
 * @param retries inputs resubmitted after a failed attempt (policy and system retries)
 * @param failures inputs that failed for good
 * @param inputsDone true once every input has been read from the caller's source
 */
public record MapProgress(
    long inputsSent, long outputsReceived, long retries, long failures, boolean inputsDone) {}
