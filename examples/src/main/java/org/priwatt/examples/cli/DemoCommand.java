package org.priwatt.examples.cli;

import java.io.PrintStream;
import java.util.List;
import org.priwatt.examples.demo.CaseOneDemo;

/** {@code priwatt demo}: runs the Case 1 scenario in process; exit code 0 only if every check held. */
final class DemoCommand implements Command {
  @Override
  public String name() {
    return "demo";
  }

  @Override
  public String summary() {
    return "Case 1 end to end: PV day, offer, escrow payment, transfer, refusals, dispute, eavesdropper";
  }

  @Override
  public int run(List<String> args, PrintStream out) throws UsageException {
    if (!args.isEmpty()) {
      throw new UsageException("demo takes no arguments");
    }
    return CaseOneDemo.run(out).passed() ? 0 : 1;
  }
}
