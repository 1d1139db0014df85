package dev.modal4j.testing.sandboxes;

import dev.modal4j.proto.GenericResult;
import dev.modal4j.proto.Sandbox;
import java.util.Map;
import java.util.Optional;

/**
 * A read-only picture of one emulated sandbox, for tests.
 *
 * @param sandboxId its {@code sb-} id
 * @param taskId its task's {@code ta-} id
 * @param appId the app it runs in
 * @param definition the definition exactly as SandboxCreate received it
 * @param tags its tags now
 * @param state where it is in its life
 * @param result how it ended, once {@link SandboxState#FINISHED}
 * @param backend the backend's description of it (container or directory, image), once started
 */
public record SandboxView(
    String sandboxId,
    String taskId,
    String appId,
    Sandbox definition,
    Map<String, String> tags,
    SandboxState state,
    Optional<GenericResult> result,
    Optional<String> backend) {

  /** Copies the tags. */
  public SandboxView {
    tags = Map.copyOf(tags);
  }
}
