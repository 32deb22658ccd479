/**
 * The trading parties of Case 1 (paper §3.1, Algorithm 1): the seller's {@link
 * org.priwatt.energy.trade.ProsumerSession} and the buyer's {@link
 * org.priwatt.energy.trade.ConsumerSession}, the messages they exchange ({@link
 * org.priwatt.energy.trade.TradeMessage}), their durable snapshots and the {@link
 * org.priwatt.energy.trade.Prosumer} agent that meters a PV day into injections. Each session
 * checks everything it receives against what it built or agreed itself, and signs only
 * transactions it rebuilt.
 */
package org.priwatt.energy.trade;
