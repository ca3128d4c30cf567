package com.nightshift.risk.market;

import com.nightshift.common.csv.CsvRecordCodec;
import com.nightshift.common.csv.CsvRow;
import com.nightshift.common.csv.InvalidFieldException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The {@code market.csv} of a VaR run: one factor a row. Header, exactly: {@code factor,spot,vol,rate}.
 * {@code spot} &gt; 0; {@code vol} annualised, 0 or more; {@code rate} one continuously-compounded
 * rate, any sign. Numbers are plain decimals (domain's {@link CsvRow#decimal}). A factor may appear
 * once per file. Writing then reading gives back equal records. Stateless and thread-safe.
 */
public final class MarketCsv extends CsvRecordCodec<RiskFactor> {

    public static final List<String> HEADER = List.of("factor", "spot", "vol", "rate");

    public MarketCsv() {
        super(HEADER);
    }

    @Override
    protected RiskFactor fromRow(CsvRow row) throws InvalidFieldException {
        String factor = row.required("factor");
        double spot = row.real("spot");
        if (!(spot > 0.0)) {
            throw new InvalidFieldException("spot '" + row.text("spot") + "' is not greater than 0");
        }
        double vol = row.real("vol");
        if (vol < 0.0) {
            throw new InvalidFieldException("vol '" + row.text("vol") + "' is negative");
        }
        return new RiskFactor(factor, spot, vol, row.real("rate"));
    }


    @Override
    protected Optional<String> uniqueKey(RiskFactor factor) {
        return Optional.of("factor " + factor.name());
    }

    @Override
    protected List<String> toFields(RiskFactor f) {
        return List.of(f.name(), BigDecimal.valueOf(f.spot()).toPlainString(),
                BigDecimal.valueOf(f.vol()).toPlainString(), BigDecimal.valueOf(f.rate()).toPlainString());
    }
}
