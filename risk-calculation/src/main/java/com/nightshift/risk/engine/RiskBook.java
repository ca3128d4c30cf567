package com.nightshift.risk.engine;

import java.time.LocalDate;
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
 */
public final class RiskBook {

    private final LocalDate businessDate;
    private final SortedMap<String, List<Position>> positionsByPortfolio;
    private final MarketData marketData;
    private final Map<String, String> priceCurrency;

    private RiskBook(LocalDate businessDate, SortedMap<String, List<Position>> positionsByPortfolio,
            MarketData marketData, Map<String, String> priceCurrency) {
        this.businessDate = businessDate;
        this.positionsByPortfolio = positionsByPortfolio;
        this.marketData = marketData;
        this.priceCurrency = priceCurrency;
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
        for (var price : prices) {
            if (!price.priceDate().isAfter(businessDate) && !price.priceDate().isBefore(windowStart)) {
                market.add(price.instrumentId(), price.priceDate(), price.close().doubleValue());
                priceCurrency.put(price.instrumentId(), price.currency().getCurrencyCode());
            }
        }
        return new RiskBook(businessDate, Collections.unmodifiableSortedMap(byPortfolio), market.build(),
                Map.copyOf(priceCurrency));
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
     * holds an instrument priced in another currency: there is no FX conversion yet.
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
            holdings.merge(position.instrumentId(), position.quantity().doubleValue(), Double::sum);
        }
        return Portfolio.of(id, currency, holdings);
    }
}
