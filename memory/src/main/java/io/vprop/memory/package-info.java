/** Short- and long-term trade memory. */
package io.vprop.memory;
