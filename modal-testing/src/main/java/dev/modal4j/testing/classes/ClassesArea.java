package dev.modal4j.testing.classes;

import dev.modal4j.proto.ClassGetRequest;
import dev.modal4j.proto.ClassGetResponse;
import dev.modal4j.proto.ClassHandleMetadata;
import dev.modal4j.proto.ModalClientGrpc;
import dev.modal4j.testing.functions.FunctionRegistry;
import dev.modal4j.testing.internal.EmulatorArea;
import dev.modal4j.testing.internal.Unary;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;

/** {@code ClassGet} and {@code FunctionBindParams}. */
public final class ClassesArea implements EmulatorArea {
  private final ClassRegistry classes;
  private final Bindings bindings;

  ClassesArea(ClassRegistry classes, Bindings bindings) {
    this.classes = classes;
    this.bindings = bindings;
  }

  @Override
  public void bind(ServerServiceDefinition.Builder service) {
    Unary.bind(service, ModalClientGrpc.getClassGetMethod(), this::get);
    Unary.bind(service, ModalClientGrpc.getFunctionBindParamsMethod(), bindings::bind);
  }

  private ClassGetResponse get(ClassGetRequest request) {
    if (request.getAppName().isEmpty() || request.getObjectTag().isEmpty()) {
      throw Status.INVALID_ARGUMENT
          .withDescription("app_name and object_tag are required")
          .asRuntimeException();
    }
    if (request.getAppVersion() > 1) {
      throw Status.NOT_FOUND
          .withDescription(
              "App '" + request.getAppName() + "' has no version " + request.getAppVersion())
          .asRuntimeException();
    }
    DeployedClass cls =
        classes
            .find(request.getEnvironmentName(), request.getAppName(), request.getObjectTag())
            .orElseThrow(
                () ->
                    Status.NOT_FOUND
                        .withDescription(
                            "Class '"
                                + request.getObjectTag()
                                + "' not found in app '"
                                + request.getAppName()
                                + "'")
                        .asRuntimeException());
    FunctionRegistry functions = classes.functions();
    return ClassGetResponse.newBuilder()
        .setClassId(cls.classId())
        .setHandleMetadata(
            ClassHandleMetadata.newBuilder()
                .setClassFunctionId(cls.serviceFunction().id())
                .setClassFunctionMetadata(functions.handleMetadata(cls.serviceFunction())))
        .build();
  }
}
