package org.priwatt.msg;

/**
 * The object types of Bitmessage protocol v3 (the 4-byte type field of every object). Nodes relay
 * objects of unknown types too; this enum names the ones PriWatt creates and understands.
 */
public enum ObjectType {
  /** Request for the pubkey of an address (v4: carries the address tag). */
  GETPUBKEY(0),
  /** An identity's public signing and encryption keys (v4: encrypted to the address). */
  PUBKEY(1),
  /** A person-to-person message (version 1), or an acknowledgement. */
  MSG(2),
  /** A broadcast to the subscribers of an address (v5: tag based). */
  BROADCAST(3);

  private final long code;

  ObjectType(long code) {
    this.code = code;
  }

  /** Returns the 32-bit code on the wire. */
  public long code() {
    return code;
  }

  /** Returns the type for {@code code}, or null for a type this enum does not name. */
  public static ObjectType fromCode(long code) {
    for (ObjectType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    return null;
  }
}
