package dev.modal4j.internal.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.modal4j.InvalidException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The profiles of a {@code .modal.toml} file, in file order. A missing file has none. */
final class ConfigFile {
  private static final TomlMapper MAPPER = new TomlMapper();

  private final Path path;
  private final Map<String, JsonNode> profiles;

  private ConfigFile(Path path, Map<String, JsonNode> profiles) {
    this.path = path;
    this.profiles = profiles;
  }

  /** Reads {@code path}; a malformed file is an {@link InvalidException} naming it. */
  static ConfigFile read(Path path) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      return new ConfigFile(path, Map.of());
    } catch (IOException e) {
      throw new InvalidException("Could not read Modal config file " + path + ": " + e);
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(bytes);
    } catch (JacksonException e) {
      throw new InvalidException(
          "Malformed Modal config file " + path + where(e.getLocation()) + ": not valid TOML");
    } catch (IOException e) {
      throw new InvalidException("Could not read Modal config file " + path + ": " + e);
    }
    Map<String, JsonNode> profiles = new LinkedHashMap<>();
    if (root != null) {
      for (Map.Entry<String, JsonNode> e : root.properties()) {
        if (!e.getValue().isObject()) {
          throw new InvalidException(
              "Malformed Modal config file "
                  + path
                  + ": top-level key '"
                  + e.getKey()
                  + "' must be a [profile] table");
        }
        profiles.put(e.getKey(), e.getValue());
      }
    }
    return new ConfigFile(path, profiles);
  }

  private static String where(JsonLocation loc) {
    if (loc == null || loc.getLineNr() < 1) {
      return "";
    }
    return " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
  }

  Path path() {
    return path;
  }

  boolean hasProfile(String name) {
    return profiles.containsKey(name);
  }

  /** The first profile with {@code active = true}, or null. */
  String activeProfile() {
    for (Map.Entry<String, JsonNode> e : profiles.entrySet()) {
      JsonNode active = e.getValue().get("active");
      if (active != null && active.isBoolean() && active.booleanValue()) {
        return e.getKey();
      }
    }
    return null;
  }

  /** A string value of {@code profile}, or null when absent. */
  String value(String profile, String key) {
    JsonNode table = profile == null ? null : profiles.get(profile);
    JsonNode v = table == null ? null : table.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isContainerNode()) {
      throw new InvalidException(
          "Malformed Modal config file "
              + path
              + ": key '"
              + key
              + "' of profile '"
              + profile
              + "' must be a plain value");
    }
    return v.asText();
  }
}
