package dev.modal4j.testing.functions;

import dev.modal4j.proto.DataFormat;
import dev.modal4j.proto.Function.FunctionType;
import dev.modal4j.proto.FunctionHandleMetadata;
import dev.modal4j.testing.functions.internal.Ids;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The emulator's deployed functions, found by id or by environment, app name and tag. Other
 * emulator areas (classes) register their service and bound functions here.
 */
public final class FunctionRegistry {
  /** The environment used when a request names none. */
  public static final String DEFAULT_ENVIRONMENT = "main";

  private final Ids ids;
  private final AppDirectory directory;
  private final EndpointUrls urls;
  private final Map<String, DeployedFunction> byId = new ConcurrentHashMap<>();
  private final Map<String, DeployedFunction> byTag = new ConcurrentHashMap<>();
  private final Map<String, String> apps = new ConcurrentHashMap<>();

  FunctionRegistry(Ids ids, AppDirectory directory, EndpointUrls urls) {
    this.ids = ids;
    this.directory = directory;
    this.urls = urls;
  }

  /** Registers a function in the default environment. */
  public DeployedFunction register(FunctionDefinition definition) {
    return register(definition, "");
  }

  /** Registers (or redeploys, replacing the same tag) a function in {@code environment}. */
  public DeployedFunction register(FunctionDefinition definition, String environment) {
    return registerInEnvironment(definition, directory.resolveEnvironment(environment));
  }

  /**
   * {@link #register(FunctionDefinition, String)} in an environment {@link #environment} resolved
   * (its key, which stays when the environment is renamed).
   */
  public DeployedFunction registerInEnvironment(FunctionDefinition definition, String env) {
    String appId =
        apps.computeIfAbsent(
            appKey(env, definition.appName()), k -> directory.deploy(env, definition.appName()));
    String id = ids.next("fu");
    FunctionBody own = definition.bodies().get("");
    String name = definition.tag();
    String webUrl =
        own != null && own.kind() == FunctionBody.Kind.WEB_ENDPOINT
            ? urls.webUrl(definition.appName(), name)
            : "";
    FunctionHandleMetadata.Builder metadata =
        baseMetadata(name, own, definition.spec(), appId, webUrl).setDefinitionId(ids.next("de"));
    DeployedFunction deployed =
        new DeployedFunction(
            id, appId, env, definition, definition.metadataCustomizer().apply(metadata).build());
    byId.put(id, deployed);
    if (!name.isEmpty()) {
      byTag.put(tagKey(env, definition.appName(), name), deployed);
    }
    return deployed;
  }

  /** Finds a function by id. */
  public Optional<DeployedFunction> byId(String functionId) {
    return Optional.ofNullable(byId.get(functionId));
  }

  /** The functions registered in app {@code appId}. */
  public java.util.List<DeployedFunction> inApp(String appId) {
    return byId.values().stream()
        .filter(f -> f.appId().equals(appId))
        .collect(java.util.stream.Collectors.toList());
  }

  /** Finds a function by environment ("" = default), app name and tag. */
  public Optional<DeployedFunction> byTag(String environment, String appName, String tag) {
    return Optional.ofNullable(
        byTag.get(tagKey(directory.resolveEnvironment(environment), appName, tag)));
  }

  /** The app id of an app, if any function was deployed in it. */
  public Optional<String> appId(String environment, String appName) {
    return Optional.ofNullable(
        apps.get(appKey(directory.resolveEnvironment(environment), appName)));
  }

  /** Whether the app exists (deployed here or created through the apps RPCs). */
  public boolean appExists(String environment, String appName) {
    String env = directory.resolveEnvironment(environment);
    return apps.containsKey(appKey(env, appName)) || directory.exists(env, appName);
  }

  /** Resolves an environment name ("" = default); NOT_FOUND status if unknown. */
  public String environment(String name) {
    return directory.resolveEnvironment(name);
  }

  /** The current name of an environment {@link #environment} resolved, for messages. */
  public String environmentName(String environment) {
    return directory.environmentName(environment);
  }

  /** The metadata FunctionGet returns, with input_plane_url filled for input-plane functions. */
  public FunctionHandleMetadata handleMetadata(DeployedFunction function) {
    if (!function.definition().spec().inputPlane()) {
      return function.metadata();
    }
    return function.metadata().toBuilder().setInputPlaneUrl(urls.inputPlaneUrl()).build();
  }

  /** The URL input-plane functions advertise (the emulator's own loopback gRPC endpoint). */
  public String inputPlaneUrl() {
    return urls.inputPlaneUrl();
  }

  /**
   * Handle metadata for one function or method body: name, type, formats, app id and size limits,
   * as Modal's Python SDK deploys them.
   */
  public static FunctionHandleMetadata.Builder baseMetadata(
      String name, FunctionBody body, FunctionSpec spec, String appId, String webUrl) {
    FunctionHandleMetadata.Builder b =
        FunctionHandleMetadata.newBuilder().setFunctionName(name).setAppId(appId).setWebUrl(webUrl);
    FunctionBody.Kind kind = body == null ? FunctionBody.Kind.FUNCTION : body.kind();
    b.setFunctionType(
        kind == FunctionBody.Kind.GENERATOR
            ? FunctionType.FUNCTION_TYPE_GENERATOR
            : FunctionType.FUNCTION_TYPE_FUNCTION);
    if (kind == FunctionBody.Kind.WEB_ENDPOINT) {
      b.addSupportedInputFormats(DataFormat.DATA_FORMAT_ASGI)
          .addSupportedOutputFormats(DataFormat.DATA_FORMAT_ASGI)
          .addSupportedOutputFormats(DataFormat.DATA_FORMAT_GENERATOR_DONE);
    } else {
      for (PayloadFormat format : spec.inputFormats()) {
        b.addSupportedInputFormats(DataFormat.valueOf("DATA_FORMAT_" + format.name()));
      }
      b.addSupportedOutputFormats(DataFormat.DATA_FORMAT_PICKLE)
          .addSupportedOutputFormats(DataFormat.DATA_FORMAT_CBOR);
      if (kind == FunctionBody.Kind.GENERATOR) {
        b.addSupportedOutputFormats(DataFormat.DATA_FORMAT_GENERATOR_DONE);
      }
    }
    spec.maxObjectSizeBytes().ifPresent(b::setMaxObjectSizeBytes);
    spec.maxAsyncObjectSizeBytes().ifPresent(b::setMaxAsyncObjectSizeBytes);
    if (spec.inputPlane()) {
      b.setInputPlaneRegion("local");
    }
    return b;
  }

  private static String appKey(String env, String app) {
    return env + '\u0000' + app;
  }

  private static String tagKey(String env, String app, String tag) {
    return env + '\u0000' + app + '\u0000' + tag;
  }
}
