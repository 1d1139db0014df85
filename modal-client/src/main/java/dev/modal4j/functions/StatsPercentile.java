package dev.modal4j.functions;

/**
 * One percentile of a distribution.
 *
 * @param percentile the percentile, e.g. {@code 50.0} for the median, {@code 99.0}
 * @param value the value at that percentile, in the distribution's unit
 */
public record StatsPercentile(double percentile, double value) {}
