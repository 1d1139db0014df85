package dev.modal4j.testing.internal;

import dev.modal4j.proto.FunctionGetRequest;
import dev.modal4j.proto.FunctionGetResponse;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.testing.EmulatorState;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;

/**
 * PLACEHOLDER until the functions area exists: {@code FunctionGet} answers NOT_FOUND for every
 * function (naming whether the app or the function is missing). The functions area replaces it.
 */
public final class UnknownFunctionsArea implements EmulatorArea {
  private final EmulatorState state;

  /** Creates the area over the emulator's shared state. */
  public UnknownFunctionsArea(EmulatorState state) {
    this.state = state;
  }

  @Override
  public void bind(ServerServiceDefinition.Builder service) {
    Unary.bind(service, ModalClientGrpc.getFunctionGetMethod(), this::functionGet);
  }

  private FunctionGetResponse functionGet(FunctionGetRequest request) {
    String env = state.environments().resolve(request.getEnvironmentName());
    String app = request.getAppName();
    String why =
        state.apps().find(env, app).isPresent()
            ? "App '" + app + "' has no Function '" + request.getObjectTag() + "'"
            : "App '" + app + "' not found in environment '" + env + "'";
    throw Status.NOT_FOUND
        .withDescription(
            "Lookup failed for Function '" + request.getObjectTag() + "' from the '" + app
                + "' app: " + why + ".")
        .asRuntimeException();
  }
}
