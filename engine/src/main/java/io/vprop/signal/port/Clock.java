package io.vprop.signal.port;

/** Wall-clock port (UTC ms). Market decisions use tick time; the clock times latency pauses. */
public interface Clock {
    long nowMs();

    Clock SYSTEM = System::currentTimeMillis;
}
