/** Benchmarks: JMH micro-benchmarks and the end-to-end harness; results are written as JSON. */
package io.vprop.bench;
