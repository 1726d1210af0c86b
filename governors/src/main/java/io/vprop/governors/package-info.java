/** Prop-firm rule engine: plain Java, no I/O. */
package io.vprop.governors;
