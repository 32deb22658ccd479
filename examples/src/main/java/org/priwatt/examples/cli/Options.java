package org.priwatt.examples.cli;

import java.util.List;
import org.priwatt.crypto.NetworkParameters;

/** Small helpers for the few options the commands share. */
final class Options {
  private Options() {}

  /** Removes {@code --name value} from {@code args} and returns the value, or {@code dflt}. */
  static String take(List<String> args, String name, String dflt) throws UsageException {
    int i = args.indexOf(name);
    if (i < 0) {
      return dflt;
    }
    if (i + 1 >= args.size()) {
      throw new UsageException(name + " needs a value");
    }
    String v = args.get(i + 1);
    args.remove(i + 1);
    args.remove(i);
    return v;
  }

  /** Parses {@code --network} (default: the PriWatt private network). */
  static NetworkParameters network(List<String> args) throws UsageException {
    String id = take(args, "--network", NetworkParameters.PRIWATT.id());
    return NetworkParameters.byId(id).orElseThrow(() -> new UsageException(
        "unknown network '" + id + "'; known: " + NetworkParameters.all().stream()
            .map(NetworkParameters::id).reduce((a, b) -> a + ", " + b).orElse("")));
  }
}
