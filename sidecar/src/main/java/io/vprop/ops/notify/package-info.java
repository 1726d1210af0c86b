/**
 * Notifications: kernel events → {@link io.vprop.ops.notify.EventMapping} (one handler per event type, changes only)
 * → {@link io.vprop.ops.notify.TokenBucket} (per kind) → Telegram / webhook channels on the notifier's own thread.
 */
package io.vprop.ops.notify;
