/**
 * The trading parties of Case 1 (paper §3.1, Algorithm 1): the seller's {@link
 * org.priwatt.energy.trade.ProsumerSession} and the buyer's {@link
 * org.priwatt.energy.trade.ConsumerSession}, the messages they exchange ({@link
 * org.priwatt.energy.trade.TradeMessage}), their durable snapshots and the {@link
 * org.priwatt.energy.trade.Prosumer} agent that meters a PV day into injections. Each session
 * checks everything it receives against what it built or agreed itself, and signs only
 * transactions it rebuilt. {@link org.priwatt.energy.trade.DurableSession} and {@link
 * org.priwatt.energy.trade.SessionAction} are the save-then-act session machinery and its outbox,
 * written once here and shared with the Case 2 channel sessions of {@code priwatt-channels}.
 */
package org.priwatt.energy.trade;
