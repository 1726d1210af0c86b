package io.vprop.ops.notify;

import java.io.IOException;

/** Somewhere notifications go (Telegram, a webhook). {@link #send} either delivers or throws saying why. */
interface NotificationChannel {
    String name();

    void send(Notification n) throws IOException, InterruptedException;
}
