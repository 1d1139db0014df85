/**
 * What the emulator observed its functions do, served as Modal serves it: time-range stats
 * (FunctionGetTimeRangeStats), bucketed metrics and their catalogue (FunctionGetMetrics,
 * MetricsGetInfo), plus AppGetInfo and FunctionGetById.
 */
package dev.modal4j.testing.observability;
