package org.priwatt.energy;

/**
 * The Case 1 acceptance scenario ({@link CaseOneScenario}) on the real chain: a REGTEST chain
 * state with its mempool and miner behind {@link ChainPaymentLedger}, so every payment passes
 * Bitcoin Core's relay policy and confirmations come from mined blocks.
 */
class CaseOneChainTradeTest extends CaseOneScenario {
  @Override
  TestLedger openLedger() throws Exception {
    return RegtestChain.start();
  }
}
