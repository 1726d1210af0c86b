package io.vprop.market.io;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hand-written parsers agree with the JDK's on many random inputs. */
class FieldsTest {

    static Fields line(String text) {
        Fields f = new Fields(new String[]{"A", "B"}, (byte) ',');
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        f.split(b, 0, b.length);
        return f;
    }

    @Test
    void decimalsMatchDoubleParseDouble() {
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 200_000; i++) {
            int intDigits = r.nextInt(0, 8), fracDigits = r.nextInt(0, 16 - Math.max(intDigits, 1));
            StringBuilder s = new StringBuilder();
            if (intDigits == 0) s.append('0');
            for (int k = 0; k < intDigits; k++) s.append((char) ('0' + r.nextInt(10)));
            if (fracDigits > 0 || r.nextBoolean()) s.append('.');
            for (int k = 0; k < fracDigits; k++) s.append((char) ('0' + r.nextInt(10)));
            String text = s.toString();
            assertThat(line(text).decimal(0)).as(text).isEqualTo(Double.parseDouble(text));
        }
    }

    @Test
    void datesMatchLocalDate() {
        for (long day = LocalDate.of(1970, 1, 1).toEpochDay() - 800; day < LocalDate.of(2100, 1, 1).toEpochDay(); day += 7) {
            LocalDate d = LocalDate.ofEpochDay(day);
            String text = String.format("%04d.%02d.%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
            assertThat(line(text).epochDay(0)).as(text).isEqualTo(day);
        }
    }

    @Test
    void isoTimestampsMatchInstantParse() {
        assertThat(line("2020-04-01T13:15:00+01:00").timestamp(0, ServerClock.UTC))
                .isEqualTo(Instant.parse("2020-04-01T12:15:00Z").toEpochMilli());
        assertThat(line("2020-04-01 13:15:00.123456-0530").timestamp(0, ServerClock.UTC))
                .isEqualTo(Instant.parse("2020-04-01T18:45:00.123Z").toEpochMilli());
        assertThat(line("2020-02-29 00:00").timestamp(0, ServerClock.fixed(java.time.ZoneOffset.ofHours(1)))).isEqualTo(Instant.parse("2020-02-28T23:00:00Z").toEpochMilli());
        assertThatThrownBy(() -> line("2019-02-29 00:00").timestamp(0, ServerClock.UTC)).hasMessageContaining("not a valid date");
        assertThatThrownBy(() -> line("2019-02-28 00:00+5").timestamp(0, ServerClock.UTC)).hasMessageContaining("offset");
    }

    @Test
    void rejectsWhatIsNotAPlainDecimal() {
        for (String bad : new String[]{"1e5", "Infinity", "NaN", ".", "-", "1.2.3", "0x10", " 1.2"}) {
            assertThatThrownBy(() -> line(bad).decimal(0)).as(bad).hasMessageContaining("A '" + bad + "'");
        }
        assertThatThrownBy(() -> line("1.5,").decimal(1)).hasMessage("B is empty");
        assertThatThrownBy(() -> line("1.5").decimal(1)).hasMessageContaining("missing column B");
    }
}
