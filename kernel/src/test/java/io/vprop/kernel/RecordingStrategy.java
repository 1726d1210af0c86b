package io.vprop.kernel;

import io.vprop.strategy.Submission;
import io.vprop.strategy.StrategyContext;
import io.vprop.strategy.Strategy;
import io.vprop.market.Bar;
import io.vprop.market.Tick;
import io.vprop.trade.AccountState;
import io.vprop.trade.Fill;
import io.vprop.trade.OrderIntent;
import io.vprop.trade.OrderUpdate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A strategy for kernel tests: keeps every event it is given and, when told to, submits an order on a tick. */
final class RecordingStrategy implements Strategy {
    final List<Tick> ticks = new ArrayList<>();
    final List<Bar> bars = new ArrayList<>();
    final List<AccountState> accounts = new ArrayList<>();
    final List<Fill> fills = new ArrayList<>();
    final List<OrderUpdate> updates = new ArrayList<>();
    final List<Submission> submissions = new ArrayList<>();
    int started;
    int stopped;
    /** The order to submit on a tick, or null for none. */
    Function<Tick, OrderIntent> orderOnTick = t -> null;
    /** The context of the latest call: what the strategy sees of its terminal. */
    StrategyContext ctx;

    @Override
    public void start(StrategyContext ctx) {
        this.ctx = ctx;
        started++;
    }

    @Override
    public void onTick(Tick tick, StrategyContext ctx) {
        this.ctx = ctx;
        ticks.add(tick);
        OrderIntent order = orderOnTick.apply(tick);
        if (order != null) submissions.add(ctx.submit(order));
    }

    @Override
    public void onBar(Bar bar, StrategyContext ctx) { bars.add(bar); }

    @Override
    public void onAccount(AccountState account, StrategyContext ctx) { accounts.add(account); }

    @Override
    public void onFill(Fill fill, StrategyContext ctx) { fills.add(fill); }

    @Override
    public void onOrderUpdate(OrderUpdate update, StrategyContext ctx) { updates.add(update); }

    @Override
    public void stop(StrategyContext ctx) { stopped++; }
}
