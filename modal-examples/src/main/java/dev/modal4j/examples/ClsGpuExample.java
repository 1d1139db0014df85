package dev.modal4j.examples;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.modal4j.Gpu;
import dev.modal4j.ModalClient;
import dev.modal4j.functions.ClsInstance;
import dev.modal4j.functions.ClsOptions;
import java.time.Duration;
import java.util.Map;

/**
 * Runs the demo app's {@code Greeter} class on an A100-80GB GPU with 8 GiB of memory, chosen at
 * call time with {@link ClsOptions}, and prints the resources the instance reports.
 */
public final class ClsGpuExample {
  private ClsGpuExample() {}

  /** Runs the example on {@code modal}. */
  public static void run(ModalClient modal) {
    ClsOptions onA100 =
        ClsOptions.builder()
            .gpu(Gpu.A100_80GB)
            .memoryMiB(8192)
            .timeout(Duration.ofMinutes(5))
            .build();
    ClsInstance greeter =
        modal
            .cls()
            .fromName("modal4j-demo", "Greeter")
            .withOptions(onA100)
            .instance(Map.of("greeting", "Hello from a GPU"));

    System.out.println(greeter.method("greet").remote(String.class, "Ada"));
    Map<String, Object> resources =
        greeter.method("resources").remote(new TypeReference<Map<String, Object>>() {});
    System.out.println("resources: " + resources);
  }

  /**
   * Runs against Modal with the configured credentials (deploy modal-examples/python/demo_app.py
   * first); or call {@link #run} with a client of an emulator.
   */
  public static void main(String[] args) {
    Examples.run(ClsGpuExample::run);
  }
}
