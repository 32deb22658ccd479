/**
 * Consensus mechanics shared by the chain state, the memory pool and the miner, not API: the
 * contextual block checks ({@code BlockValidator}, Core's {@code CheckBlock} and {@code
 * ContextualCheckBlock}), header validation, difficulty retargeting, median time past, and the
 * lock-time rules (nLockTime, BIP 68). Uses only {@code org.priwatt.chain}, {@code .block} and
 * {@code .params}, never the packages that use it, so the module's packages stay acyclic. Never
 * imported by another module.
 */
package org.priwatt.chain.internal;
