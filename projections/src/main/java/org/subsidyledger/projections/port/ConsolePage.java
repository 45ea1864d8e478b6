package org.subsidyledger.projections.port;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller of the web console's pages (server-rendered, under {@code /console}). A page controller sits
 * in its feature's package next to the API controller whose queries it calls, so a figure on a screen is the figure
 * the API answers; the console's frame (who is signed in, the Chinese error page) applies to the controllers marked.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ConsolePage {
}
