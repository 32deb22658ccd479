package org.priwatt.examples.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The root of the command tree. A new subcommand is one class plus one line in {@code subcommands}
 * below; it inherits {@code -h/--help}, {@code -V/--version} and {@code --verbose}, and gets the
 * same error handling from {@link Main}. Having no {@code run} method, picocli refuses a bare
 * {@code priwatt} with "Missing required subcommand" (exit 2); group commands do the same.
 */
@Command(name = "priwatt", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class, sortOptions = false,
    description = "PriWatt: private peer-to-peer energy trading on a Bitcoin-format chain.",
    subcommands = {
        DemoCommand.class,
        InfoCommand.class,
        KeysCommand.class,
        AddressCommand.class,
        TxCommand.class,
        ScriptCommand.class,
        MsgCommand.class,
        OffersCommand.class,
        NodeCommand.class,
        TestnetCommand.class,
        RpcCommand.class,
        ChannelCommand.class,
        CompletionCommand.class,
        HelpCommand.class,
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:success",
        "1:the command ran and failed (a typed code names why; --verbose adds the stack trace)",
        "2:the command line was wrong (unknown option or command, missing or extra argument)",
        "N:priwatt rpc: the RPC error's code made positive, as bitcoin-cli (the shell sees it modulo 256)"},
    footerHeading = "%nExamples:%n",
    footer = {
        "  priwatt demo              the paper's Case 1 trade and Case 2 channel, end to end, in process",
        "  priwatt help keys         help on one command",
        "  priwatt bench run         the JMH suite, quick mode (the launcher runs it from the benchmarks jar;",
        "                            ./priwatt bench --help lists run, report and compare)",
        "  priwatt rpc getblockcount ask a running node, as bitcoin-cli",
        "  source <(priwatt completion)   tab completion in this bash session"})
final class PriwattCommand {
  /** The option that turns a failure's one-line message into a stack trace. */
  static final String VERBOSE = "--verbose";

  @Option(names = VERBOSE, scope = ScopeType.INHERIT,
      description = "On a failure, also print the stack trace.")
  boolean verbose;
}
