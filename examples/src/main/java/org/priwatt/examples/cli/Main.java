package org.priwatt.examples.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entry point of the {@code priwatt} command line. Each sub-command is a {@link Command}; this
 * class only dispatches and turns failures into exit codes (2 for usage, 1 for errors).
 */
public final class Main {
  private final Map<String, Command> commands = new LinkedHashMap<>();

  Main() {
    for (Command c : List.of(new DemoCommand(), new InfoCommand(), new KeysCommand(), new AddressCommand())) {
      commands.put(c.name(), c);
    }
  }

  /** Runs the command line. */
  public static void main(String[] args) {
    System.exit(new Main().run(Arrays.asList(args), System.out, System.err));
  }

  int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.isEmpty() || args.get(0).equals("help") || args.get(0).equals("--help")) {
      help(out);
      return args.isEmpty() ? 2 : 0;
    }
    String name = args.get(0).equals("version") || args.get(0).equals("--version") ? "info" : args.get(0);
    Command c = commands.get(name);
    if (c == null) {
      err.println("priwatt: unknown command '" + args.get(0) + "' (try: priwatt help)");
      return 2;
    }
    try {
      return c.run(new ArrayList<>(args.subList(1, args.size())), out);
    } catch (UsageException e) {
      err.println("priwatt " + name + ": " + e.getMessage());
      return 2;
    } catch (Exception e) {
      err.println("priwatt " + name + ": " + e.getMessage());
      return 1;
    }
  }

  private void help(PrintStream out) {
    out.println("usage: priwatt <command> [arguments]");
    out.println();
    for (Command c : commands.values()) {
      out.printf("  %-10s %s%n", c.name(), c.summary());
    }
  }
}
