package org.priwatt.script;

/** The standard output-script shapes that {@link ScriptTemplates#classify} recognises. */
public enum ScriptType {
  /** {@code <pubkey> OP_CHECKSIG}. */
  P2PK,
  /** {@code OP_DUP OP_HASH160 <20 bytes> OP_EQUALVERIFY OP_CHECKSIG}. */
  P2PKH,
  /** BIP 16 {@code OP_HASH160 <20 bytes> OP_EQUAL}. */
  P2SH,
  /** Bare {@code OP_m <pubkey>... OP_n OP_CHECKMULTISIG}, including the PriWatt escrow. */
  MULTISIG,
  /** {@code OP_RETURN} followed by pushes only: provably unspendable data carrier. */
  NULL_DATA,
  /** Anything else. */
  NONSTANDARD
}
