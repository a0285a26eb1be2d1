package org.civic311.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;

/**
 * Like {@link Civic311Test}, on a {@link MutableClock} the test moves on. Test classes with this annotation share one
 * running application, apart from those without it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Civic311Test
@Import(MutableClockConfiguration.class)
public @interface Civic311ClockTest {}
