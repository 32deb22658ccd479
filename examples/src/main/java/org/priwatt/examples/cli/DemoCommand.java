package org.priwatt.examples.cli;

import java.io.PrintStream;
import java.util.List;
import org.priwatt.examples.demo.CaseOneDemo;
import org.priwatt.examples.demo.CaseTwoDemo;

/**
 * {@code priwatt demo [case1|case2]}: runs the Case 1 scenario, then the Case 2 channel (or just
 * the one named) in process; exit code 0 only if every check held.
 */
final class DemoCommand implements Command {
  @Override
  public String name() {
    return "demo";
  }

  @Override
  public String summary() {
    return "Case 1 (escrow trade) then Case 2 (payment channel, per kWh); 'demo case1' or 'demo case2' for one";
  }

  @Override
  public int run(List<String> args, PrintStream out) throws UsageException {
    if (args.size() > 1 || args.size() == 1 && !List.of("case1", "case2").contains(args.get(0))) {
      throw new UsageException("demo takes no argument, or case1 or case2");
    }
    boolean one = args.isEmpty() || args.get(0).equals("case1");
    boolean two = args.isEmpty() || args.get(0).equals("case2");
    boolean passed = true;
    if (one) {
      passed = CaseOneDemo.run(out).passed();
    }
    if (two) {
      if (one) {
        out.println();
      }
      passed &= CaseTwoDemo.run(out).passed();
    }
    return passed ? 0 : 1;
  }
}
