/**
 * Micropayment channels (paper §3.2): time-locked refunds, per-kWh increments paid for with split
 * ownership secrets, close and refund.
 */
package org.priwatt.channels;
