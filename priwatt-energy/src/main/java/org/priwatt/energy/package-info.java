/**
 * Energy trading (paper §3.1): DSO registry and ownership secrets, the auction board, the Case 1
 * trade with 2-of-3 escrow and dispute path, and PV generation simulated from the sun's position.
 *
 * <p>Byte encodings of the secrets (see {@link org.priwatt.energy.SecretDerivation}): {@code bλ =
 * SHA256(pubKey ‖ E ‖ timestamp)} with pubKey the 33-byte compressed SEC 1 key, E milliwatt-hours
 * as 8 bytes big-endian and timestamp Unix seconds as 8 bytes big-endian; {@code bz = SHA256(bλ ‖
 * r)} with 32 random bytes r; split parts {@code λ(k+1) = SHA256(λ(k) ‖ timestamp ‖ r(k))}.
 * Registry entries are named by {@code SHA256("PriWatt entry id v1" ‖ λ)}. The chain is reached
 * only through {@link org.priwatt.energy.PaymentLedger}. The module README describes the wire
 * formats and the protocol.
 */
package org.priwatt.energy;
