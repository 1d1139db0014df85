package dev.modal4j.bench;

/** Maps {@code square} over {@code 0..n-1}, raw or through the SDK, and returns the tally. */
@FunctionalInterface
interface MapRunner {
  MapTally run(int n) throws Exception;
}
