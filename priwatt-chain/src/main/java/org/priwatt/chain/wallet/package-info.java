/**
 * The wallet, split by role: {@link org.priwatt.chain.wallet.KeyChain} (BIP 32 keys, a fresh
 * address per trade), {@link org.priwatt.chain.wallet.TxStore} (relevant transactions and their
 * confirmation state), {@link org.priwatt.chain.wallet.CoinSelector}, {@link
 * org.priwatt.chain.wallet.FeeEstimator}, {@link org.priwatt.chain.wallet.PaymentBuilder}
 * (building and signing), {@link org.priwatt.chain.wallet.WalletFile} (encrypted persistence),
 * joined by the thin {@link org.priwatt.chain.wallet.Wallet} facade.
 */
package org.priwatt.chain.wallet;
