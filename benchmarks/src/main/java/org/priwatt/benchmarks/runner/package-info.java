/**
 * {@code ./priwatt bench}: the runner around the JMH suite ({@code run}, quick or full, with class
 * and parameter filters, keeping JMH's JSON), the report generator ({@code report}: REPORT.md with
 * the paper's Table 3 beside the measured figures, every benchmark against its floor or peer, and
 * XChart PNG charts) and the regression check ({@code compare}). {@link
 * org.priwatt.benchmarks.runner.Suite} holds what the suite is made of.
 */
package org.priwatt.benchmarks.runner;
