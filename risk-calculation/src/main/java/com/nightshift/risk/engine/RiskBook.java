package com.nightshift.risk.engine;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import com.nightshift.common.market.Position;

/**
 * What a risk run of one business date works from: the positions grouped by portfolio, and the
 * closing prices of the look-back window up to that date as {@link MarketData}. The service and the
 * command line build it the same way. Immutable.
 *
 * <p>A portfolio is refused when one of its instruments was last priced more than
 * {@link #MAX_PRICE_AGE_DAYS} calendar days before the business date: valuing a holding at a stale
 * close and estimating risk from returns that stop early would understate the night's risk silently.
 */
public final class RiskBook {

    /**
     * The most calendar days an instrument's last close may lie before the business date: a long
     * weekend with a holiday (Friday close, Wednesday business date) passes, a missing week does not.
     */
    public static final int MAX_PRICE_AGE_DAYS = 5;

    private final LocalDate businessDate;
    private final SortedMap<String, List<Position>> positionsByPortfolio;
    private final MarketData marketData;
    private final Map<String, String> priceCurrency;
    private final Map<String, LocalDate> lastPriceDate;

    private RiskBook(LocalDate businessDate, SortedMap<String, List<Position>> positionsByPortfolio,
            MarketData marketData, Map<String, String> priceCurrency, Map<String, LocalDate> lastPriceDate) {
        this.businessDate = businessDate;
        this.positionsByPortfolio = positionsByPortfolio;
        this.marketData = marketData;
        this.priceCurrency = priceCurrency;
        this.lastPriceDate = lastPriceDate;
    }

    /**
     * The book of {@code businessDate}: prices after that date, or more than {@code lookbackDays}
     * calendar days before it, are left out.
     */
    public static RiskBook of(LocalDate businessDate, List<Position> positions,
            List<com.nightshift.common.market.PricePoint> prices, int lookbackDays) {
        if (lookbackDays < 1) {
            throw new IllegalArgumentException("lookbackDays must be positive, was " + lookbackDays);
        }
        SortedMap<String, List<Position>> byPortfolio = new TreeMap<>();
        positions.forEach(p -> byPortfolio.computeIfAbsent(p.portfolioId().value(), k -> new ArrayList<>()).add(p));
        byPortfolio.replaceAll((id, list) -> List.copyOf(list));
        LocalDate windowStart = businessDate.minusDays(lookbackDays);
        MarketData.Builder market = MarketData.builder();
        Map<String, String> priceCurrency = new TreeMap<>();
        Map<String, LocalDate> lastPriceDate = new TreeMap<>();
        for (var price : prices) {
            if (!price.priceDate().isAfter(businessDate)) {
                lastPriceDate.merge(price.instrumentId(), price.priceDate(), (a, b) -> a.isAfter(b) ? a : b);
            }
            if (!price.priceDate().isAfter(businessDate) && !price.priceDate().isBefore(windowStart)) {
                market.add(price.instrumentId(), price.priceDate(), price.close().doubleValue());
                priceCurrency.put(price.instrumentId(), price.currency().getCurrencyCode());
            }
        }
        return new RiskBook(businessDate, Collections.unmodifiableSortedMap(byPortfolio), market.build(),
                Map.copyOf(priceCurrency), Map.copyOf(lastPriceDate));
    }

    public LocalDate businessDate() {
        return businessDate;
    }

    public MarketData marketData() {
        return marketData;
    }

    /** The portfolio ids, in order. */
    public List<String> portfolioIds() {
        return List.copyOf(positionsByPortfolio.keySet());
    }

    /**
     * One portfolio, quantities of the same instrument added up. Refused when it mixes currencies or
     * holds an instrument priced in another currency (there is no FX conversion yet), and when an
     * instrument's last close on or before the business date is more than {@link #MAX_PRICE_AGE_DAYS}
     * calendar days old (the message names the instrument and that date).
     */
    public Portfolio portfolio(String id) {
        List<Position> positions = positionsByPortfolio.get(id);
        if (positions == null) {
            throw new IllegalArgumentException("no positions for portfolio " + id);
        }
        Map<String, Double> holdings = new TreeMap<>();
        String currency = positions.getFirst().currency().getCurrencyCode();
        for (Position position : positions) {
            String held = position.currency().getCurrencyCode();
            if (!held.equals(currency)) {
                throw new IllegalArgumentException("portfolio " + id + " holds positions in " + currency + " and "
                        + held + "; one currency per portfolio is supported");
            }
            String quoted = priceCurrency.get(position.instrumentId());
            if (quoted != null && !quoted.equals(currency)) {
                throw new IllegalArgumentException("portfolio " + id + " holds " + position.instrumentId() + " in "
                        + currency + " but its prices are in " + quoted);
            }
            LocalDate lastPriced = lastPriceDate.get(position.instrumentId());
            if (lastPriced != null && lastPriced.isBefore(businessDate.minusDays(MAX_PRICE_AGE_DAYS))) {
                throw new IllegalArgumentException("portfolio " + id + " holds " + position.instrumentId()
                        + " whose last price is of " + lastPriced + ", "
                        + ChronoUnit.DAYS.between(lastPriced, businessDate)
                        + " days before the business date " + businessDate + "; at most " + MAX_PRICE_AGE_DAYS
                        + " calendar days are allowed");
            }
            holdings.merge(position.instrumentId(), position.quantity().doubleValue(), Double::sum);
        }
        return Portfolio.of(id, currency, holdings);
    }
}
