/**
 * The private PriWatt blockchain, bottom layer: Bitcoin-format transactions ({@link
 * org.priwatt.chain.Transaction}, {@link org.priwatt.chain.TransactionBuilder}, {@link
 * org.priwatt.chain.TxId}, {@link org.priwatt.chain.OutPoint}, {@link org.priwatt.chain.Amount},
 * {@link org.priwatt.chain.Coin}), their signature hash, signer and checker, Core's
 * context-free checks through {@link org.priwatt.chain.ConsensusApi}, and the module's one
 * exception, {@link org.priwatt.chain.ChainException}.
 *
 * <p>The module's packages form layers, each using only those listed before it (a test reads
 * the class files and refuses a cycle): this package; {@code block} (blocks, headers, proof of
 * work); {@code params} (network parameters); {@code internal} (validation mechanics); {@code
 * store}; {@code state} (the validated chain); {@code mempool}; {@code mining}; {@code wallet}.
 * Packages named {@code internal} are not API: no other module imports them.
 */
package org.priwatt.chain;
