package org.teamstelehealth.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an adapter: the implementation of a port over an Azure or Microsoft service (Table and Queue
 * storage, Graph, ACS, Key Vault, Entra). Only adapters, function classes and the composition root may use
 * the SDKs; only the adapter's own feature and the composition root may use an adapter. The architecture
 * test reads this annotation.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Adapter {}
