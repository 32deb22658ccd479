/**
 * The composition root: {@link org.priwatt.energy.regtest.RegtestWorld} wires a REGTEST chain,
 * mempool, miner, ledger, messaging network and DSO in a few lines, for the demo, the tests, the
 * benchmarks, channels and the simulator.
 */
package org.priwatt.energy.regtest;
