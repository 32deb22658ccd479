package org.priwatt.energy;

/**
 * One failure {@code priwatt-energy} can report: a constant of {@link EnergyError} (local
 * failures: bytes that do not decode, values out of range, storage, the messaging or chain layer
 * underneath) or of {@link org.priwatt.energy.registry.RegistryError} (the DSO registry's
 * refusals, which also travel in its replies). {@link EnergyException}, the module's only checked
 * exception, carries one, so a caller catches one type and tells failures apart by constant or by
 * domain ({@code e.failure() instanceof RegistryError}).
 *
 * <p>Only those two enums implement this interface (it cannot be {@code sealed} across packages
 * without a named module); constant names are unique across both, so a name identifies a failure.
 */
public interface EnergyFailure {
  /** The constant's name, unique across the implementing enums. */
  String name();
}
