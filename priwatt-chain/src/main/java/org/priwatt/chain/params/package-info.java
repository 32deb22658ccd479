/**
 * A network's consensus parameters: {@link org.priwatt.chain.params.ChainParameters} (genesis
 * block, difficulty, subsidy, maturity, limits, soft-fork heights, P2P port and magic) with the
 * presets {@code BITCOIN_MAINNET}, {@code REGTEST} and {@code PRIWATT}, and {@link
 * org.priwatt.chain.params.GenesisBuilder} for a new private chain.
 */
package org.priwatt.chain.params;
