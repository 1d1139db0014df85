package dev.modal4j.testing.sandboxes.backend;

/**
 * What a sandbox has used, read from its backend at one moment.
 *
 * @param cpuNanos CPU time consumed so far by all its processes, in core-nanoseconds
 * @param memoryBytes the memory its processes use now (resident, without the page cache)
 */
public record ResourceSample(long cpuNanos, long memoryBytes) {}
