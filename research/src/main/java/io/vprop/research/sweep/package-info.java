/** Work units on a fixed thread pool with a progress bar and a resumable checkpoint; results independent of threads. */
package io.vprop.research.sweep;
