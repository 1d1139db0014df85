package dev.modal4j.proto.newer;

import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;
import io.grpc.protobuf.ProtoUtils;

/**
 * Hand-built descriptors of Modal control-plane RPCs newer than the wire facts the generated stubs
 * come from (see {@code modal4j/newer/observability.proto}). Their full names are Modal's, {@code
 * modal.client.ModalClient/<Name>}, so they reach the same service as the generated methods.
 */
public final class NewerMethods {
  /** The service every method here belongs to. */
  public static final String SERVICE = "modal.client.ModalClient";

  /** {@code FunctionGetTimeRangeStats}: input counts and percentiles over a time range. */
  public static final MethodDescriptor<
          FunctionGetTimeRangeStatsRequest, FunctionGetTimeRangeStatsResponse>
      FUNCTION_GET_TIME_RANGE_STATS =
          unary(
              "FunctionGetTimeRangeStats",
              FunctionGetTimeRangeStatsRequest.getDefaultInstance(),
              FunctionGetTimeRangeStatsResponse.getDefaultInstance());

  /** {@code FunctionGetMetrics}: bucketed metric series of a function. */
  public static final MethodDescriptor<FunctionGetMetricsRequest, FunctionGetMetricsResponse>
      FUNCTION_GET_METRICS =
          unary(
              "FunctionGetMetrics",
              FunctionGetMetricsRequest.getDefaultInstance(),
              FunctionGetMetricsResponse.getDefaultInstance());

  /** {@code MetricsGetInfo}: the definitions of the metric series. */
  public static final MethodDescriptor<MetricsGetInfoRequest, MetricsGetInfoResponse>
      METRICS_GET_INFO =
          unary(
              "MetricsGetInfo",
              MetricsGetInfoRequest.getDefaultInstance(),
              MetricsGetInfoResponse.getDefaultInstance());

  /** {@code AppGetInfo}: an app's lifecycle and member functions. */
  public static final MethodDescriptor<AppGetInfoRequest, AppGetInfoResponse> APP_GET_INFO =
      unary(
          "AppGetInfo",
          AppGetInfoRequest.getDefaultInstance(),
          AppGetInfoResponse.getDefaultInstance());

  /** {@code FunctionGetById}: a function's handle metadata by its id. */
  public static final MethodDescriptor<FunctionGetByIdRequest, FunctionGetByIdResponse>
      FUNCTION_GET_BY_ID =
          unary(
              "FunctionGetById",
              FunctionGetByIdRequest.getDefaultInstance(),
              FunctionGetByIdResponse.getDefaultInstance());

  private NewerMethods() {}

  private static <Q extends Message, R extends Message> MethodDescriptor<Q, R> unary(
      String name, Q request, R response) {
    return MethodDescriptor.<Q, R>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, name))
        .setRequestMarshaller(ProtoUtils.marshaller(request))
        .setResponseMarshaller(ProtoUtils.marshaller(response))
        .setSampledToLocalTracing(true)
        .build();
  }
}
