package io.vprop.paper.broker;

/** Account-currency amounts are kept in cents, as MT5 rounds deal money to the account's 2 digits. */
final class Money {
    private Money() {
    }

    static double cents(double amount) {
        return Math.round(amount * 100.0) / 100.0;
    }
}
