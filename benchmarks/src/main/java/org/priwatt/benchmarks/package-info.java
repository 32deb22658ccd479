/**
 * JMH benchmarks of PriWatt's hot paths, each beside the raw library or bitcoinj counterpart it
 * must keep up with. Run with {@code java -jar benchmarks/target/benchmarks.jar}.
 */
package org.priwatt.benchmarks;
