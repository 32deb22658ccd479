/**
 * The field encodings shared by the energy formats and by the modules built on them (the channel
 * messages and snapshots): public so that every format checks a key, an amount or an identity
 * the same way, written once.
 */
package org.priwatt.energy.codec;
