package dev.modal4j.testing.sandboxes.network;

import dev.modal4j.proto.NetworkAccess;
import dev.modal4j.proto.NetworkAccess.NetworkAccessType;
import dev.modal4j.proto.router.TaskCommandRouterGrpc;
import dev.modal4j.proto.router.TaskSetNetworkAccessRequest;
import dev.modal4j.proto.router.TaskSetNetworkAccessResponse;
import dev.modal4j.testing.internal.Unary;
import dev.modal4j.testing.sandboxes.NetworkAllowlists;
import dev.modal4j.testing.sandboxes.SandboxTask;
import dev.modal4j.testing.sandboxes.backend.OutboundPolicy;
import dev.modal4j.testing.sandboxes.router.RouterArea;
import dev.modal4j.testing.sandboxes.router.RouterContext;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TaskSetNetworkAccess: replaces a running sandbox's outbound policy. An ALLOWLIST (the only kind
 * Modal's Go and JS SDKs send; both lists replace the old ones, empty lists allow nothing) or OPEN
 * is accepted, its CIDRs and domains checked as SandboxCreate checks them; BLOCKED and UNSPECIFIED
 * are INVALID_ARGUMENT. The policy is recorded on the task (the emulator's inspection view shows
 * it) and handed to the backend: the container backend enforces it with iptables where the host
 * lets it (see the docker package's {@code ContainerFirewall}), the process backend only records
 * it.
 */
public final class NetworkAccessArea implements RouterArea {
  private static final Logger log = LoggerFactory.getLogger(NetworkAccessArea.class);

  private final RouterContext context;

  /** The area serving the tasks of {@code context}. */
  public NetworkAccessArea(RouterContext context) {
    this.context = context;
  }

  @Override
  public void bind(ServerServiceDefinition.Builder service) {
    Unary.bind(service, TaskCommandRouterGrpc.getTaskSetNetworkAccessMethod(), this::set);
  }

  private TaskSetNetworkAccessResponse set(TaskSetNetworkAccessRequest request) {
    SandboxTask task = context.task(request.getTaskId());
    NetworkAccess access = request.getNetworkAccess();
    NetworkAccessType type = access.getNetworkAccessType();
    if (type != NetworkAccessType.ALLOWLIST && type != NetworkAccessType.OPEN) {
      throw Status.INVALID_ARGUMENT
          .withDescription("network_access_type must be ALLOWLIST or OPEN, got " + type)
          .asRuntimeException();
    }
    NetworkAllowlists.checkOutbound(access);
    if (task.finished()) {
      throw Status.FAILED_PRECONDITION
          .withDescription("Sandbox " + task.sandboxId() + " has already finished")
          .asRuntimeException();
    }
    task.networkAccess(access);
    boolean enforced =
        task.runtime()
            .applyOutboundPolicy(
                new OutboundPolicy(
                    type == NetworkAccessType.OPEN,
                    access.getAllowedCidrsList(),
                    access.getAllowedDomainsList()));
    log.debug(
        "sandbox {}: outbound policy {} {}",
        task.sandboxId(),
        enforced ? "enforced" : "recorded (not enforced)",
        access.toString().replace('\n', ' '));
    return TaskSetNetworkAccessResponse.getDefaultInstance();
  }
}
