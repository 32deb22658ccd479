/**
 * PriWatt's own secp256k1 arithmetic for the pure-Java backend: the field on five 52-bit limbs
 * ({@code Field}), Jacobian point formulas ({@code JacobianPoint}), wNAF recoding, odd-multiple
 * tables, public-key parsing ({@link org.priwatt.crypto.internal.ec.PublicPoint}), ECDSA
 * verification, public-key recovery and public tweaks
 * ({@link org.priwatt.crypto.internal.ec.PublicCurveOps}).
 *
 * <p>Everything here is variable-time and is used only on public data; the entry points say so
 * in their names ({@code PublicPoint.parseVartime}, {@code PublicCurveOps.verifyVartime}, {@code
 * recoverVartime}, {@code tweakAddVartime}, {@code Field.invertVartime}), so a call site that
 * would hand them a secret reads wrong. Operations on secrets stay on Bouncy Castle and on the
 * constant-time scalar helpers of {@code org.priwatt.crypto.internal.Curve}. Checked against
 * BigInteger arithmetic, Bouncy Castle and, in {@code BackendDifferentialTest}, libsecp256k1 on
 * 100,000 random signatures per build.
 */
package org.priwatt.crypto.internal.ec;
