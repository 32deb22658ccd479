/**
 * The energy trade's view of the chain: the {@link org.priwatt.energy.ledger.PaymentLedger} port
 * (broadcast, confirmations, outputs, payment commitments) and its implementation on the real
 * chain state and mempool, the {@link org.priwatt.energy.ledger.FundingSource} port through which a
 * buyer's wallet pays, the payment commitment a funding transaction carries, the one check of a
 * funding output against a lock ({@link org.priwatt.energy.ledger.EscrowFunding}) that the seller
 * and the DSO both run, and the escrow's spending transactions ({@link
 * org.priwatt.energy.ledger.EscrowTransactions}), built the same way by every party so each signs
 * only what it built itself.
 */
package org.priwatt.energy.ledger;
