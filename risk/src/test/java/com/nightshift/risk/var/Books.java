package com.nightshift.risk.var;

import java.util.ArrayList;
import java.util.List;

import com.nightshift.risk.book.OptionType;
import com.nightshift.risk.book.PositionType;
import com.nightshift.risk.book.RiskPosition;
import com.nightshift.risk.market.MarketSnapshot;
import com.nightshift.risk.market.RiskFactor;

/** Small books and markets built in code for the engine's tests. */
final class Books {

    private Books() {
    }

    /** The book compiled for a run on 2026-11-27 with no input files. */
    static BookModel model(List<RiskPosition> positions, MarketSnapshot market, VarSettings settings) {
        return BookModel.of(positions, market, settings, VarManifest.inMemory(java.time.LocalDate.of(2026, 11, 27)));
    }

    /** Three equity factors with vols 20%, 30%, 15% and correlations 0.5, 0.2, -0.3; rate 2%. */
    static MarketSnapshot threeFactors() {
        return new MarketSnapshot(List.of(new RiskFactor("AAA", 100.0, 0.20, 0.02),
                new RiskFactor("BBB", 50.0, 0.30, 0.02), new RiskFactor("CCC", 20.0, 0.15, 0.02)),
                new double[][] {{1.0, 0.5, 0.2}, {0.5, 1.0, -0.3}, {0.2, -0.3, 1.0}});
    }

    /** A linear book over {@link #threeFactors()}: two portfolios, one short position. */
    static List<RiskPosition> linearBook() {
        return List.of(RiskPosition.linear("P1", "ALPHA", PositionType.EQUITY, 1_000, "AAA"),
                RiskPosition.linear("P2", "ALPHA", PositionType.EQUITY, 2_000, "BBB"),
                RiskPosition.linear("P3", "BETA", PositionType.EQUITY, -1_500, "CCC"),
                RiskPosition.linear("P4", "BETA", PositionType.FX, 3_000, "BBB"));
    }

    /** Linear positions plus calls, puts and a bond on a yield factor, with a short-dated option. */
    static List<RiskPosition> mixedBook() {
        List<RiskPosition> positions = new ArrayList<>(linearBook());
        positions.add(RiskPosition.option("O1", "ALPHA", 100, "AAA", 105.0, 0.5, OptionType.CALL));
        positions.add(RiskPosition.option("O2", "ALPHA", -50, "AAA", 90.0, 0.25, OptionType.PUT));
        positions.add(RiskPosition.option("O3", "BETA", 200, "BBB", 50.0, 1.0, OptionType.PUT));
        positions.add(RiskPosition.option("O4", "BETA", 300, "CCC", 20.0, 1.0 / 504, OptionType.CALL));
        positions.add(RiskPosition.bond("B1", "GAMMA", 10, "Y5", 1_000.0, 5.0));
        return positions;
    }

    /** {@link #threeFactors()} plus a 5-year yield at 4% with a 25% relative vol, correlated -0.2 with AAA. */
    static MarketSnapshot withYield() {
        return new MarketSnapshot(List.of(new RiskFactor("AAA", 100.0, 0.20, 0.02),
                new RiskFactor("BBB", 50.0, 0.30, 0.02), new RiskFactor("CCC", 20.0, 0.15, 0.02),
                new RiskFactor("Y5", 0.04, 0.25, 0.02)),
                new double[][] {{1.0, 0.5, 0.2, -0.2}, {0.5, 1.0, -0.3, 0.0}, {0.2, -0.3, 1.0, 0.0},
                        {-0.2, 0.0, 0.0, 1.0}});
    }
}
