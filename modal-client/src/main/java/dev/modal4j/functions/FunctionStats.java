package dev.modal4j.functions;

/**
 * A snapshot of a deployed function's load, from {@link Function#currentStats()}.
 *
 * @param backlog inputs waiting for a container
 * @param numTotalRunners containers currently running the function
 */
public record FunctionStats(int backlog, int numTotalRunners) {}
