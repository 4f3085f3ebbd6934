/**
 * Bot opponents that play by the same rules as people and see what people
 * see.
 *
 * <p>A host makes a {@link org.hikiwake.engine.bot.Bot} for a seat from a
 * {@link org.hikiwake.engine.bot.Level} (or a strategy) and a seed, and on
 * each turn hands it the seat's {@link org.hikiwake.engine.view.GameView}.
 * That view is what a human in the seat would have: the public scenario, the
 * seat's own sheet, every offer and the news as the seat sees it. It never
 * holds the other side's points before the end, since its constructor
 * refuses them, and the bot refuses any view but a player's. A strategy is
 * given only a {@link org.hikiwake.engine.bot.Situation}, made from that view:
 * no parameter anywhere in this package takes a {@code Scenario}, a
 * {@code GameState} or an analysis, so there is no path by which the other
 * side's table could reach a strategy. The bot answers with a
 * {@link org.hikiwake.engine.bot.BotAction}; the host stamps the time and
 * submits its moves to the rules like any player's.
 *
 * <p>Bots are pure functions of the view and their seed: no clock, no ambient
 * randomness. {@link org.hikiwake.engine.bot.Match} and
 * {@link org.hikiwake.engine.bot.Tournament} play bots against each other
 * through the rules and the projection only.
 */
package org.hikiwake.engine.bot;
