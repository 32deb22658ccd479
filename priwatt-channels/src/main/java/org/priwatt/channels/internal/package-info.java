/**
 * Implementation details of {@code priwatt-channels} (field encodings, snapshot pieces); never
 * imported by another module.
 */
package org.priwatt.channels.internal;
