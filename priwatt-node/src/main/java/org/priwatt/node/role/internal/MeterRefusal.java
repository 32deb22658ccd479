package org.priwatt.node.role.internal;

/**
 * Why the DSO dropped a meter reading: counted per reason in its summary, never an error, since
 * anyone who knows the DSO's address may send it anything. A refused reading never reaches the
 * registry.
 */
enum MeterRefusal {
  /** It claims to be a reading but does not decode (bad hex, truncated, a bad key or signature encoding). */
  UNDECODABLE,
  /** It decodes but holds values out of range (no or too much energy, an empty interval, sequence 0). */
  OUT_OF_RANGE,
  /** Its meter key is not registered at this DSO. */
  UNREGISTERED,
  /** The signature does not verify for the meter key over this reading, network, DSO and sender. */
  BAD_SIGNATURE,
  /** Its sequence number is not above the last one accepted from the meter (a replay or an old reading). */
  REPLAYED,
  /** Its interval starts before the last accepted one of the meter ended. */
  OVERLAPPING,
  /** Its interval ends too far in the DSO's future. */
  FUTURE,
  /** More readings than the DSO handles per minute. */
  RATE_LIMITED,
  /** The meter's new sequence number could not be saved: refused rather than open a replay after a restart. */
  STORAGE,
  /** The registry refused the injection (an owner key it already knows, say). */
  REGISTRY_REFUSED
}
