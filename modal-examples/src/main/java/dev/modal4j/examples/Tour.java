package dev.modal4j.examples;

import dev.modal4j.ModalClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The README's main job: every example in turn with one client, against real Modal when {@code
 * MODAL_TOKEN_ID} is set, otherwise against an embedded Modal emulator. Exits non-zero if any
 * example fails.
 */
public final class Tour {
  private Tour() {}

  /** Runs the tour. */
  public static void main(String[] args) {
    Map<String, Consumer<ModalClient>> examples = new LinkedHashMap<>();
    examples.put("function call", FunctionCallExample::run);
    examples.put("spawn and poll", SpawnExample::run);
    examples.put("large payload", LargePayloadExample::run);
    examples.put("generator", GeneratorExample::run);
    examples.put("map with a progress bar", MapProgressExample::run);
    examples.put("class with parameters", ClsCallExample::run);
    examples.put("class on an A100-80GB", ClsGpuExample::run);
    examples.put("sandbox: exec, stdin, exit code", SandboxExample::run);
    int failed = 0;
    try (ModalClient modal = Examples.client()) {
      for (Map.Entry<String, Consumer<ModalClient>> e : examples.entrySet()) {
        System.out.println();
        System.out.println("== " + e.getKey());
        try {
          e.getValue().accept(modal);
        } catch (RuntimeException ex) {
          failed++;
          System.out.println("FAILED: " + ex);
        }
      }
    } finally {
      Examples.shutdown();
    }
    System.out.println();
    System.out.println(
        failed == 0
            ? "tour finished: " + examples.size() + " examples ran"
            : "tour finished with " + failed + " failed example(s)");
    if (failed > 0) {
      System.exit(1);
    }
  }
}
