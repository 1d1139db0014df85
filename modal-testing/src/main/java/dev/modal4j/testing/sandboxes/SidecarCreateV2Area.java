package dev.modal4j.testing.sandboxes;

import dev.modal4j.proto.Sandbox;
import dev.modal4j.proto.newer.SandboxContainerCreateV2Request;
import dev.modal4j.proto.newer.SandboxContainerCreateV2Response;
import dev.modal4j.proto.router.TaskContainerInfo;
import dev.modal4j.testing.internal.EmulatorArea;
import dev.modal4j.testing.internal.Unary;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.protobuf.ProtoUtils;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * SandboxContainerCreateV2: the control-plane sidecar create Modal's JS SDK 0.11.1 uses for a V2
 * sandbox (newer than the wire facts; see {@code modal4j/newer/sidecars.proto}). It starts the same
 * sidecar TaskContainerCreate does, from a sandbox definition's image, entrypoint, workdir,
 * secrets, volumes, network access and PTY.
 */
public final class SidecarCreateV2Area implements EmulatorArea {
  /** The method as Modal's SDKs call it. */
  static final MethodDescriptor<SandboxContainerCreateV2Request, SandboxContainerCreateV2Response>
      METHOD =
          MethodDescriptor
              .<SandboxContainerCreateV2Request, SandboxContainerCreateV2Response>newBuilder()
              .setType(MethodDescriptor.MethodType.UNARY)
              .setFullMethodName("modal.client.ModalClient/SandboxContainerCreateV2")
              .setRequestMarshaller(
                  ProtoUtils.marshaller(SandboxContainerCreateV2Request.getDefaultInstance()))
              .setResponseMarshaller(
                  ProtoUtils.marshaller(SandboxContainerCreateV2Response.getDefaultInstance()))
              .build();

  private final SandboxRegistry sandboxes;
  private final Sidecars sidecars;
  private final Function<List<String>, Map<String, String>> secretEnv;

  SidecarCreateV2Area(
      SandboxRegistry sandboxes,
      Sidecars sidecars,
      Function<List<String>, Map<String, String>> secretEnv) {
    this.sandboxes = sandboxes;
    this.sidecars = sidecars;
    this.secretEnv = secretEnv;
  }

  @Override
  public void bind(ServerServiceDefinition.Builder service) {
    Unary.bind(service, METHOD, this::create);
  }

  private SandboxContainerCreateV2Response create(SandboxContainerCreateV2Request request) {
    EmulatedSandbox sandbox = sandboxes.get(request.getSandboxId());
    TaskContainers containers =
        sidecars
            .containers(sandbox.taskId())
            .orElseThrow(
                () ->
                    Status.NOT_FOUND
                        .withDescription("Sandbox '" + request.getSandboxId() + "' not found")
                        .asRuntimeException());
    Sandbox d = request.getDefinition();
    Map<String, String> env = new LinkedHashMap<>(d.getEnvironmentVariables().getContentsMap());
    env.putAll(secretEnv.apply(d.getSecretIdsList()));
    for (SandboxContainerCreateV2Request.SecretSource source : request.getSecretSourcesList()) {
      if (source.hasSecretId()) {
        env.putAll(secretEnv.apply(List.of(source.getSecretId())));
      }
      if (source.hasEnv()) {
        env.putAll(source.getEnv().getContentsMap());
      }
    }
    env.putAll(request.getEphemeralSecrets().getContentsMap());
    TaskContainerInfo info =
        containers.create(
            new SidecarRequest(
                request.getContainerName(),
                d.getImageId(),
                d.getEntrypointArgsList(),
                env,
                d.hasWorkdir() && !d.getWorkdir().isEmpty()
                    ? Optional.of(d.getWorkdir())
                    : Optional.empty(),
                d.getVolumeMountsList(),
                d.hasNetworkAccess() ? Optional.of(d.getNetworkAccess()) : Optional.empty(),
                d.getPtyInfo().getEnabled()));
    return SandboxContainerCreateV2Response.newBuilder()
        .setContainerId(info.getContainerId())
        .setContainerName(info.getContainerName())
        .build();
  }
}
