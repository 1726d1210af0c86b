package io.vprop.governors.profile;

import java.time.LocalTime;

/**
 * When the firm's trading day starts. {@code zone} is an IANA zone ("Europe/Prague"), a fixed offset
 * ("UTC+03:00") or a broker-server clock ("Broker/US-DST": GMT+2, GMT+3 while New York is on summer time;
 * "Broker/EU-DST": GMT+2, GMT+3 while Europe is on summer time).
 */
public record DayResetConfig(String zone, LocalTime time) {
    public DayResetConfig {
        Require.present("dayReset.zone", zone);
        Require.present("dayReset.time", time);
        Require.zone("dayReset.zone", zone); // rejects unknown zones now, not at the first event
    }
}
