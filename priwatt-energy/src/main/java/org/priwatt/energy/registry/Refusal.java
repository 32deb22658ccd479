package org.priwatt.energy.registry;

/**
 * A refusal inside the registry, on its way to becoming a {@link RegistryReply.Refused}: a
 * checked exception without a stack trace (refusals are expected, not bugs).
 */
final class Refusal extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient RegistryError error;

  Refusal(RegistryError error, String detail) {
    super(detail, null, false, false);
    this.error = error;
  }

  RegistryError error() {
    return error;
  }
}
