package io.vprop.challenge.history;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bytes to text for the HTML and CSV formats. MT5 writes its HTML reports in UTF-16LE with a byte-order mark;
 * files that went through an editor or a converter arrive as UTF-8 (with or without a mark) or UTF-16BE. Without a
 * mark, a zero in every other byte of the start betrays UTF-16.
 */
final class TextDecoder {
    private TextDecoder() {
    }

    static String decode(byte[] bytes, String file) {
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) return strict(bytes, 3, StandardCharsets.UTF_8, file);
        if (startsWith(bytes, 0xFF, 0xFE)) return strict(bytes, 2, StandardCharsets.UTF_16LE, file);
        if (startsWith(bytes, 0xFE, 0xFF)) return strict(bytes, 2, StandardCharsets.UTF_16BE, file);
        Charset guess = guessUtf16(bytes);
        return strict(bytes, 0, guess, file);
    }

    private static Charset guessUtf16(byte[] bytes) {
        int n = Math.min(bytes.length, 512) & ~1;
        int zeroEven = 0, zeroOdd = 0;
        for (int i = 0; i < n; i += 2) {
            if (bytes[i] == 0) zeroEven++;
            if (bytes[i + 1] == 0) zeroOdd++;
        }
        if (n >= 4 && zeroOdd > n / 4 && zeroEven == 0) return StandardCharsets.UTF_16LE;
        if (n >= 4 && zeroEven > n / 4 && zeroOdd == 0) return StandardCharsets.UTF_16BE;
        return StandardCharsets.UTF_8;
    }

    private static String strict(byte[] bytes, int offset, Charset charset, String file) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new HistoryImportException(file + ": not valid " + charset.name() + " text (a truncated or binary "
                    + "file?): " + e.getMessage());
        }
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if ((bytes[i] & 0xFF) != prefix[i]) return false;
        return true;
    }
}
