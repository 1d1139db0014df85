package dev.modal4j.apps;

import dev.modal4j.internal.Args;
import java.util.Map;

/**
 * An App's lifecycle and member Functions and Servers, from {@link App#info()}.
 *
 * @param appId the App's id
 * @param description the App's description (its name, unless set otherwise)
 * @param lifecycle its state, version, and who created and deployed it when
 * @param functions Function names mapped to Function ids
 * @param servers Server names mapped to Function ids
 */
public record AppInfo(
    String appId,
    String description,
    AppLifecycle lifecycle,
    Map<String, String> functions,
    Map<String, String> servers) {
  /** Copies the maps. */
  public AppInfo {
    Args.notNull(appId, "appId");
    Args.notNull(description, "description");
    Args.notNull(lifecycle, "lifecycle");
    functions = Map.copyOf(Args.notNull(functions, "functions"));
    servers = Map.copyOf(Args.notNull(servers, "servers"));
  }
}
