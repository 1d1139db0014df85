package dev.modal4j.sandboxes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modal4j.internal.sandbox.FsErrors;
import dev.modal4j.internal.sandbox.FsErrors.Op;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The events of one watch: the filesystem tool's stdout, one JSON object per line, decoded as they
 * arrive. Unknown kinds and malformed lines are skipped; renames become {@link
 * FileWatchEventType#MODIFY}. When the output ends on its own, a non-zero exit is thrown as the
 * tool's error; closing the stream early sends end-of-input to the tool, which then exits.
 */
final class WatchStream {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ContainerProcess process;
  private final String path;
  private final BufferedReader lines;
  private volatile boolean closed;
  private boolean ended;

  WatchStream(ContainerProcess process, String path) {
    this.process = process;
    this.path = path;
    this.lines =
        new BufferedReader(new InputStreamReader(process.stdout(), StandardCharsets.UTF_8));
  }

  Stream<FileWatchEvent> stream() {
    Spliterator<FileWatchEvent> events =
        new Spliterators.AbstractSpliterator<>(
            Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
          @Override
          public boolean tryAdvance(Consumer<? super FileWatchEvent> action) {
            FileWatchEvent next = next();
            if (next == null) {
              return false;
            }
            action.accept(next);
            return true;
          }
        };
    return StreamSupport.stream(events, false).onClose(this::close);
  }

  private FileWatchEvent next() {
    while (!ended && !closed) {
      String line;
      try {
        line = lines.readLine();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (RuntimeException e) {
        if (closed) {
          return null;
        }
        throw FsErrors.fromExec(Op.WATCH, path, e);
      }
      if (line == null) {
        ended = true;
        if (!closed) {
          SandboxFilesystem.finish(process, Op.WATCH, path);
        }
        return null;
      }
      FileWatchEvent event = parse(line.trim());
      if (event != null) {
        return event;
      }
    }
    return null;
  }

  static FileWatchEvent parse(String line) {
    if (line.isEmpty()) {
      return null;
    }
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (IOException e) {
      return null;
    }
    if (node == null || !node.isObject()) {
      return null;
    }
    JsonNode kind = node.get("event_type");
    JsonNode paths = node.get("paths");
    if (kind == null || !kind.isTextual() || paths == null || !paths.isArray() || paths.isEmpty()) {
      return null;
    }
    FileWatchEventType type =
        switch (kind.asText()) {
          case "Access" -> FileWatchEventType.ACCESS;
          case "Create" -> FileWatchEventType.CREATE;
          case "Modify", "Rename", "RenameFrom", "RenameTo" -> FileWatchEventType.MODIFY;
          case "Remove" -> FileWatchEventType.REMOVE;
          case "Unknown" -> FileWatchEventType.UNKNOWN;
          default -> null;
        };
    if (type == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (JsonNode p : paths) {
      out.add(p.asText());
    }
    return new FileWatchEvent(type, out);
  }

  private void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      process.stdin().close();
    } catch (IOException | RuntimeException e) {
      // the tool has exited already, or the sandbox has gone: nothing left to stop
    }
    process.stdout().close();
  }
}
