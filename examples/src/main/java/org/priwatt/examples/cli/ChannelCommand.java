package org.priwatt.examples.cli;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.priwatt.node.rpc.RpcClientArgs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code priwatt channel}: Case 2 on a running node, whose role opens (a consumer) or serves (a
 * prosumer with {@code --channels}) payment channels. Each subcommand is one RPC call ({@code
 * openchannel}, {@code paychannel}, {@code closechannel}, {@code listchannels}, {@code getchannel},
 * {@code listchanneloffers}) through {@code priwatt rpc}'s connection options, output and exit
 * status ({@link RpcConnection}).
 */
@Command(name = "channel",
    description = {"Payment channels (Case 2) on a running node, over its JSON-RPC as priwatt rpc calls it.",
        "A consumer node opens and pays channels on the prosumers' channel offers; a prosumer node run",
        "with --channels serves them. Connection options as priwatt rpc (-datadir, -rpcport, ...)."},
    subcommands = {ChannelCommand.Offers.class, ChannelCommand.Open.class, ChannelCommand.Pay.class,
        ChannelCommand.Close.class, ChannelCommand.ListChannels.class, ChannelCommand.Show.class},
    footerHeading = "%nExamples:%n",
    footer = {"  priwatt channel offers -datadir=/tmp/alice",
        "  priwatt channel open -datadir=/tmp/alice <entry> 4     four increments",
        "  priwatt channel pay -datadir=/tmp/alice client-000000 2",
        "  priwatt channel show -datadir=/tmp/alice client-000000",
        "  priwatt channel close -datadir=/tmp/alice client-000000"})
final class ChannelCommand {
  private ChannelCommand() {}

  /** One RPC call with the connection options; the subclass names the method and its arguments. */
  abstract static class Call extends CliCommand {
    @Mixin
    RpcConnection connection;

    /** Where {@code -stdinrpcpass} reads; the process's standard input. */
    InputStream input = System.in;

    /** The RPC method. */
    abstract String method();

    /** Its arguments, as on {@code priwatt rpc}'s command line. */
    abstract List<String> args();

    @Override
    final int run() throws Exception {
      connection.check();
      if (connection.stdinPassword) {
        BufferedReader in = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
        connection.password = RpcCommand.readLine(in).orElseThrow(() -> new CliException(CliError.IO,
            "-stdinrpcpass specified but failed to read from standard input")).toCharArray();
      }
      return connection.print(connection.call(method(), RpcClientArgs.positional(method(), args())), out(), err());
    }
  }

  @Command(name = "offers", description = "List the live offers on the channel board, cheapest first (listchanneloffers).")
  static final class Offers extends Call {
    @Override
    String method() {
      return "listchanneloffers";
    }

    @Override
    List<String> args() {
      return List.of();
    }
  }

  @Command(name = "open", description = "Open a channel on a channel offer, funded from the node's wallet (openchannel).")
  static final class Open extends Call {
    @Parameters(index = "0", paramLabel = "<offer>", description = "The offer's entry id, or its seller's address (BM-...).")
    String offer;

    @Parameters(index = "1", arity = "0..1", paramLabel = "<increments>",
        description = "How many increments, 1..100 (default: one per kWh).")
    Integer increments;

    @Override
    String method() {
      return "openchannel";
    }

    @Override
    List<String> args() {
      List<String> a = new ArrayList<>(List.of(offer));
      if (increments != null) {
        a.add(increments.toString());
      }
      return a;
    }
  }

  @Command(name = "pay", description = "Pay the next increments of a channel, one per secret received (paychannel).")
  static final class Pay extends Call {
    @Parameters(index = "0", paramLabel = "<channel>", description = "The channel's name or id.")
    String channel;

    @Parameters(index = "1", arity = "0..1", paramLabel = "<count>", description = "How many increments (default 1).")
    Integer count;

    @Override
    String method() {
      return "paychannel";
    }

    @Override
    List<String> args() {
      List<String> a = new ArrayList<>(List.of(channel));
      if (count != null) {
        a.add(count.toString());
      }
      return a;
    }
  }

  @Command(name = "close", description = "Close a channel with its latest payment (closechannel).")
  static final class Close extends Call {
    @Parameters(index = "0", paramLabel = "<channel>", description = "The channel's name or id.")
    String channel;

    @Override
    String method() {
      return "closechannel";
    }

    @Override
    List<String> args() {
      return List.of(channel);
    }
  }

  @Command(name = "list", description = "List the node's channels as client and server (listchannels).")
  static final class ListChannels extends Call {
    @Override
    String method() {
      return "listchannels";
    }

    @Override
    List<String> args() {
      return List.of();
    }
  }

  @Command(name = "show", description = "Show one channel: capacity, spent, remaining, increments, refund height, "
      + "what each side gets if closed now (getchannel).")
  static final class Show extends Call {
    @Parameters(index = "0", paramLabel = "<channel>", description = "The channel's name or id.")
    String channel;

    @Override
    String method() {
      return "getchannel";
    }

    @Override
    List<String> args() {
      return List.of(channel);
    }
  }
}
