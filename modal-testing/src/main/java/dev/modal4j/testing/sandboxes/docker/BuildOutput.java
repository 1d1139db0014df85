package dev.modal4j.testing.sandboxes.docker;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The engine's build output, cut into whole lines for a listener: remembers the step being run (the
 * command a failure names) and the last lines (the tail a failure carries), and leaves out the
 * {@code ARG} steps that bring a layer's variables in (they are not the user's commands).
 */
final class BuildOutput implements Consumer<String> {
  private static final Pattern STEP = Pattern.compile("Step \\d+/\\d+ : (.*)");
  private static final int TAIL_LINES = 25;

  private final Consumer<String> listener;
  private final Set<String> argNames;
  private final StringBuilder partial = new StringBuilder();
  private final Deque<String> tail = new ArrayDeque<>();
  private String step = "";

  BuildOutput(Consumer<String> listener, Set<String> argNames) {
    this.listener = listener;
    this.argNames = Set.copyOf(argNames);
  }

  @Override
  public synchronized void accept(String chunk) {
    partial.append(chunk);
    int nl;
    while ((nl = partial.indexOf("\n")) >= 0) {
      String line = partial.substring(0, nl);
      partial.delete(0, nl + 1);
      line(line);
    }
  }

  /** Hands on a last line that had no newline. */
  synchronized void flush() {
    if (partial.length() > 0) {
      String line = partial.toString();
      partial.setLength(0);
      line(line);
    }
  }

  /** The command of the last step the engine started (empty before the first). */
  synchronized String step() {
    return step;
  }

  /** The last lines of output. */
  synchronized String tail() {
    return String.join("\n", tail);
  }

  private void line(String line) {
    Matcher m = STEP.matcher(line.strip());
    if (m.matches()) {
      String command = m.group(1).strip();
      String[] words = command.split("\\s+");
      if (words.length == 2 && words[0].equalsIgnoreCase("ARG") && argNames.contains(words[1])) {
        return;
      }
      step = command;
    }
    tail.addLast(line);
    while (tail.size() > TAIL_LINES) {
      tail.removeFirst();
    }
    listener.accept(line + "\n");
  }
}
