/**
 * modal-bench: the SDK measured against the raw-stub floor on the standalone emulator.
 *
 * <p>Run it from the repository root:
 *
 * <pre>{@code
 * ./mvnw -B -q -pl modal-bench -am package -DskipTests
 * java -jar modal-bench/target/modal-bench.jar
 * }</pre>
 *
 * <p>It prints {@code RESULT <name> <value> <unit>} lines ({@code remote.p50_ratio}, {@code
 * remote.p99_ratio}, {@code map.throughput_ratio}, {@code map.inputs_per_s}, {@code
 * map.10m_in_128m}, {@code blob.ratio}, plus the raw figures) and records them in {@code
 * modal-bench/RESULTS.md}. See {@link dev.modal4j.bench.BenchMain}.
 */
package dev.modal4j.bench;
