package org.priwatt.examples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** One run of the command line in process, with what it printed. */
record Cli(int code, String out, String err) {
  static Cli run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Cli(code, out.toString(), err.toString());
  }

  /** The value after {@code label} on the first line that starts with it. */
  String field(String label) {
    return out.lines().filter(l -> l.startsWith(label)).findFirst()
        .orElseThrow(() -> new AssertionError("no '" + label + "' in:\n" + out)).substring(label.length()).trim();
  }

  List<String> errLines() {
    return err.lines().toList();
  }

  @Override
  public String toString() {
    return "exit " + code + "\n--- out:\n" + out + "--- err:\n" + err;
  }
}
