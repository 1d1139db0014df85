package dev.modal4j.testing.sandboxes.process;

import dev.modal4j.testing.sandboxes.backend.ResourceSample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A process sandbox's figures from {@code /proc}: the CPU time ({@code utime + stime} of {@code
 * /proc/PID/stat}, plus {@code cutime + cstime}, the children it has waited for) and resident
 * memory ({@code /proc/PID/statm}) of each process the sandbox started and their descendants. A
 * process that has ended keeps counting with the CPU time last read for it; one that started and
 * ended between two reads is missed. Clock ticks of 1/100 s and pages of 4 KiB, as on Linux x86-64.
 */
final class ProcessTreeStats {
  private static final long NANOS_PER_TICK = 10_000_000L;
  private static final long PAGE_BYTES = 4096;

  private final Map<Long, Long> lastCpuNanos = new ConcurrentHashMap<>();

  /** Reads the tree under {@code roots} now. */
  synchronized Optional<ResourceSample> sample(Stream<ProcessHandle> roots) {
    if (!Files.isDirectory(Path.of("/proc/self"))) {
      return Optional.empty();
    }
    long memory = 0;
    for (ProcessHandle p :
        (Iterable<ProcessHandle>)
            roots.flatMap(r -> Stream.concat(Stream.of(r), r.descendants()))::iterator) {
      long pid = p.pid();
      try {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        // the command name in parentheses may hold spaces; fields go on after the last ')'
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = 0;
        for (int i = 11; i <= 14; i++) {
          ticks += Long.parseLong(fields[i]);
        }
        lastCpuNanos.merge(pid, ticks * NANOS_PER_TICK, Math::max);
        String[] statm = Files.readString(Path.of("/proc/" + pid + "/statm")).split(" ");
        memory += Long.parseLong(statm[1]) * PAGE_BYTES;
      } catch (IOException | RuntimeException e) {
        // it ended while we looked
      }
    }
    long cpu = lastCpuNanos.values().stream().mapToLong(Long::longValue).sum();
    return Optional.of(new ResourceSample(cpu, memory));
  }
}
