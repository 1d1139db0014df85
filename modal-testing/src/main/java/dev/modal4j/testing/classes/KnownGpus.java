package dev.modal4j.testing.classes;

import dev.modal4j.proto.GPUConfig;
import io.grpc.Status;
import java.util.Locale;
import java.util.Set;

/** The GPU types the emulator accepts, as Modal documents them (the server checks, not clients). */
public final class KnownGpus {
  /** The GPU types Modal accepts (upper case). */
  public static final Set<String> TYPES =
      Set.of(
          "ANY",
          "T4",
          "L4",
          "A10",
          "A10G",
          "L40S",
          "A100",
          "A100-40GB",
          "A100-80GB",
          "RTX-PRO-6000",
          "H100",
          "H100!",
          "H200",
          "B200",
          "B200+");

  private KnownGpus() {}

  /** {@code TYPE:COUNT} for the request, null for none; INVALID_ARGUMENT for an unknown type. */
  public static String describe(GPUConfig gpu) {
    if (gpu.getGpuType().isEmpty() && gpu.getCount() == 0) {
      return null;
    }
    String type = gpu.getGpuType().toUpperCase(Locale.ROOT);
    if (type.equals("A100-80G")) {
      type = "A100-80GB";
    }
    if (!TYPES.contains(type)) {
      throw Status.INVALID_ARGUMENT
          .withDescription(
              "Unknown GPU type '"
                  + gpu.getGpuType()
                  + "'; known types: "
                  + new java.util.TreeSet<>(TYPES))
          .asRuntimeException();
    }
    if (gpu.getCount() < 1) {
      throw Status.INVALID_ARGUMENT
          .withDescription("GPU count must be at least 1, got " + gpu.getCount())
          .asRuntimeException();
    }
    return type + ":" + gpu.getCount();
  }
}
