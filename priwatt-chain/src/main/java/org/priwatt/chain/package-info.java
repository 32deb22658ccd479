/**
 * The private PriWatt blockchain: Bitcoin-format transactions, blocks and proof-of-work, chain
 * state with reorganisations, mempool, miner and wallet.
 */
package org.priwatt.chain;
