package dev.modal4j.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures of one run: each is printed at once as {@code RESULT <name> <value> <unit>} and kept
 * for RESULTS.md, together with explanatory notes.
 */
final class Results {

  /** One figure; {@code target} is empty for the raw figures that have none. */
  record Figure(String name, double value, String unit, String target) {
    String formattedValue() {
      if (Double.isNaN(value)) {
        return "NaN";
      }
      if (Math.abs(value) >= 1000 || (value == Math.rint(value) && Math.abs(value) >= 1)) {
        return String.format(Locale.ROOT, "%.0f", value);
      }
      return String.format(Locale.ROOT, "%.3f", value);
    }

    /** "yes", "NO", or "" for figures without a target or not measured. */
    String verdict() {
      if (target.isEmpty() || Double.isNaN(value)) {
        return "";
      }
      double bound = Double.parseDouble(target.substring(2).trim().replace(",", ""));
      boolean ok = target.startsWith("<=") ? value <= bound : value >= bound;
      return ok ? "yes" : "NO";
    }
  }

  private final PrintStream out;
  private final List<Figure> figures = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  Results(PrintStream out) {
    this.out = out;
  }

  /** Records and prints a figure with a target such as {@code "<= 1.25"} or {@code ">= 0.8"}. */
  synchronized void add(String name, double value, String unit, String target) {
    Figure f = new Figure(name, value, unit, target);
    figures.add(f);
    out.println("RESULT " + name + " " + f.formattedValue() + " " + unit);
    out.flush();
  }

  /** Records and prints a figure that has no target (a raw figure). */
  void add(String name, double value, String unit) {
    add(name, value, unit, "");
  }

  /** Records and prints an explanatory line. */
  synchronized void note(String text) {
    notes.add(text);
    out.println("NOTE " + text);
    out.flush();
  }

  synchronized List<Figure> figures() {
    return List.copyOf(figures);
  }

  synchronized List<String> notes() {
    return List.copyOf(notes);
  }
}
