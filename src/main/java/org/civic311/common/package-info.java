/** Small shared kernel: the exceptions every module uses to report bad input and missing things. */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
@NullMarked
package org.civic311.common;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
