/**
 * Photos and other media that residents send: checked by content, re-encoded so no metadata (such as a phone's GPS
 * position) survives into a public copy, stored in a file store and served back.
 */
@ApplicationModule(allowedDependencies = "common")
@NullMarked
package org.civic311.media;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
