package dev.modal4j.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A one-line description of the machine and JVM the bench ran on. */
final class Machine {

  private Machine() {}

  static String describe() {
    Runtime rt = Runtime.getRuntime();
    long ramMiB = -1;
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      ramMiB = os.getTotalMemorySize() >> 20;
    }
    return String.format(
        "%s; %d cores; %d MiB RAM; %s %s %s; %s (%s); bench JVM max heap %d MiB",
        cpuModel(),
        rt.availableProcessors(),
        ramMiB,
        System.getProperty("os.name"),
        System.getProperty("os.version"),
        System.getProperty("os.arch"),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"),
        System.getProperty("java.vendor"),
        rt.maxMemory() >> 20);
  }

  /** The 1, 5 and 15 minute load averages, or "unknown" where /proc/loadavg is absent. */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String cpuModel() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("unknown CPU");
    } catch (IOException | RuntimeException e) {
      return "unknown CPU";
    }
  }
}
