/**
 * The {@code priwatt} command line on picocli: {@link org.priwatt.examples.cli.PriwattCommand} is
 * the root of the command tree, one small class per command calling the SDK's public API, and
 * {@link org.priwatt.examples.cli.Main} runs it with the exit codes and error lines every command
 * shares (0 success, 1 a typed failure, 2 a wrong command line).
 */
package org.priwatt.examples.cli;
