package dev.modal4j.testing.sandboxes.process;

import dev.modal4j.testing.sandboxes.backend.ImageLayer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What an image's {@code ENV} and {@code WORKDIR} commands give its processes, as a container
 * engine applies them: the variables in layer order (a later one wins), each value expanded with
 * the variables before it ({@code $X}, {@code ${X}}, {@code ${X:-word}}, {@code ${X:+word}}), and
 * the last {@code WORKDIR} (a relative one resolved against the one before). The process backend
 * builds nothing, so these are the only commands it can apply.
 *
 * @param env the image's variables, in the order they were set
 * @param workdir the image's working directory, when a layer set one
 */
record LayerConfig(Map<String, String> env, Optional<String> workdir) {

  /** Copies the variables, keeping their order. */
  LayerConfig {
    env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
  }

  /**
   * The configuration {@code layers} (oldest first) give, their values expanded against {@code
   * base} (the variables every process starts with, such as {@code PATH}) and what came before.
   */
  static LayerConfig of(List<ImageLayer> layers, Map<String, String> base) {
    Map<String, String> env = new LinkedHashMap<>();
    Map<String, String> seen = new LinkedHashMap<>(base);
    String workdir = null;
    for (ImageLayer layer : layers) {
      for (String raw : layer.commands()) {
        String command = raw.replaceAll("\\\\\\r?\\n", "").strip();
        int space = command.indexOf(' ');
        if (space < 0) {
          continue;
        }
        String keyword = command.substring(0, space).toUpperCase(Locale.ROOT);
        String rest = command.substring(space + 1).strip();
        if (keyword.equals("ENV")) {
          for (Map.Entry<String, String> e : assignments(rest, seen).entrySet()) {
            env.remove(e.getKey());
            env.put(e.getKey(), e.getValue());
            seen.put(e.getKey(), e.getValue());
          }
        } else if (keyword.equals("WORKDIR")) {
          String dir = words(rest, seen).stream().findFirst().orElse("");
          if (!dir.isEmpty()) {
            workdir = resolve(workdir, dir);
          }
        }
      }
    }
    return new LayerConfig(env, Optional.ofNullable(workdir));
  }

  private static String resolve(String current, String dir) {
    if (dir.startsWith("/") || current == null) {
      return dir.startsWith("/") ? dir : "/" + dir;
    }
    return current.endsWith("/") ? current + dir : current + "/" + dir;
  }

  /** {@code K=V K2="V 2"}, or the old form {@code K the rest of the line}. */
  private static Map<String, String> assignments(String rest, Map<String, String> seen) {
    Map<String, String> out = new LinkedHashMap<>();
    int eq = rest.indexOf('=');
    int ws = firstWhitespace(rest);
    if (eq < 0 || (ws >= 0 && ws < eq)) {
      if (ws < 0) {
        return out;
      }
      String key = rest.substring(0, ws);
      out.put(key, String.join(" ", words(rest.substring(ws).strip(), seen, true)));
      return out;
    }
    for (String word : words(rest, seen)) {
      int at = word.indexOf('=');
      if (at > 0) {
        out.put(word.substring(0, at), word.substring(at + 1));
      }
    }
    return out;
  }

  private static int firstWhitespace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static List<String> words(String s, Map<String, String> seen) {
    return words(s, seen, false);
  }

  /**
   * Splits on unquoted whitespace (or not at all, with {@code whole}), removing quotes and
   * backslash escapes and expanding variables outside single quotes.
   */
  private static List<String> words(String s, Map<String, String> seen, boolean whole) {
    List<String> out = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean any = false;
    char quote = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote == '\'') {
        if (c == '\'') {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\\' && i + 1 < s.length()) {
        word.append(s.charAt(++i));
        any = true;
      } else if (c == '$') {
        i = expand(s, i, seen, word);
        any = true;
      } else if (quote == '"') {
        if (c == '"') {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        any = true;
      } else if (Character.isWhitespace(c) && !whole) {
        if (any || word.length() > 0) {
          out.add(word.toString());
        }
        word.setLength(0);
        any = false;
      } else {
        word.append(c);
        any = true;
      }
    }
    if (any || word.length() > 0) {
      out.add(word.toString());
    }
    return out;
  }

  /** Appends the expansion of the variable at {@code s[dollar]}; returns the index it ends at. */
  private static int expand(String s, int dollar, Map<String, String> seen, StringBuilder out) {
    int i = dollar + 1;
    if (i < s.length() && s.charAt(i) == '{') {
      int close = s.indexOf('}', i);
      if (close < 0) {
        out.append('$');
        return dollar;
      }
      String inner = s.substring(i + 1, close);
      String name = inner;
      String op = "";
      String word = "";
      int colon = inner.indexOf(':');
      if (colon > 0 && colon + 1 < inner.length()) {
        name = inner.substring(0, colon);
        op = inner.substring(colon, colon + 2);
        word = inner.substring(colon + 2);
      }
      String value = seen.get(name);
      if (op.equals(":-")) {
        out.append(value == null || value.isEmpty() ? word : value);
      } else if (op.equals(":+")) {
        out.append(value == null || value.isEmpty() ? "" : word);
      } else {
        out.append(value == null ? "" : value);
      }
      return close;
    }
    int end = i;
    while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_')) {
      end++;
    }
    if (end == i) {
      out.append('$');
      return dollar;
    }
    String value = seen.get(s.substring(i, end));
    out.append(value == null ? "" : value);
    return end - 1;
  }
}
