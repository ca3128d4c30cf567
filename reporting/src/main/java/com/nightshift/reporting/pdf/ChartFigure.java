package com.nightshift.reporting.pdf;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2DFontTextDrawer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/**
 * Draws the chart sections ({@link ReportSection.Histogram}, {@link ReportSection.BarChart}) as PDF
 * vector graphics: JFreeChart lays the chart out and paints it on a Java2D surface that writes PDF
 * drawing operators into a form XObject (pdfbox-graphics2d), so a chart stays sharp at any zoom and
 * its text stays text. Chart text uses the report fonts already embedded in the document (registered
 * with the text drawer), all colours are opaque sRGB, and nothing is rasterised.
 *
 * <p>Chart labels are made showable first ({@link ShowableText}), like every other text of a report.
 * Axis numbers are formatted in the root locale, so a chart does not depend on the machine's locale.
 * One per rendered document; not thread-safe.
 */
final class ChartFigure {

    /** Height of a histogram, in points. */
    static final float HISTOGRAM_HEIGHT = 240f;
    private static final float BAR_HEIGHT = 16f;
    private static final float BAR_CHART_FRAME = 56f;
    private static final float MIN_BAR_CHART_HEIGHT = 110f;

    private static final Color BARS = new Color(0x3B, 0x6E, 0xA5);
    private static final Color MARKER = new Color(0xC0, 0x39, 0x2B);
    private static final Color GRID = new Color(0xD0, 0xD0, 0xD0);
    private static final Color TEXT = Color.BLACK;

    private final PDDocument pdf;
    private final PdfBoxGraphics2DFontTextDrawer textDrawer = new PdfBoxGraphics2DFontTextDrawer();
    private final Font tickFont = ReportFonts.awtRegular(7.5f);
    private final Font labelFont = ReportFonts.awtBold(8.5f);
    private final Font markerFont = ReportFonts.awtBold(7.5f);

    ChartFigure(PDDocument pdf, ReportFonts.Embedded fonts) {
        this.pdf = pdf;
        // Maps the AWT faces to the document's embedded subsets, so chart text needs no other font.
        textDrawer.registerFont(tickFont.getFontName(), fonts.regular());
        textDrawer.registerFont(labelFont.getFontName(), fonts.bold());
    }

    /** The height a bar chart of {@code bars} bars takes, at most {@code maxHeight}. */
    static float barChartHeight(int bars, float maxHeight) {
        return Math.min(maxHeight, Math.max(MIN_BAR_CHART_HEIGHT, BAR_CHART_FRAME + bars * BAR_HEIGHT));
    }

    /** The histogram with its markers as labelled vertical lines, {@code width} by {@code height} points. */
    PDFormXObject histogram(ReportSection.Histogram histogram, float width, float height) throws IOException {
        XYIntervalSeries series = new XYIntervalSeries("count");
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (ReportSection.Histogram.Bin bin : histogram.bins()) {
            series.add((bin.from() + bin.to()) / 2, bin.from(), bin.to(), bin.count(), 0, bin.count());
            low = Math.min(low, bin.from());
            high = Math.max(high, bin.to());
        }
        for (ReportSection.Histogram.Marker marker : histogram.markers()) {
            low = Math.min(low, marker.value());
            high = Math.max(high, marker.value());
        }
        XYIntervalSeriesCollection dataset = new XYIntervalSeriesCollection();
        dataset.addSeries(series);

        NumberAxis valueAxis = axis(histogram.valueLabel(), false);
        valueAxis.setStandardTickUnits(NumberAxis.createStandardTickUnits(Locale.ROOT));
        // Markers outside the bins (a VaR beyond the last bin) must still be on the chart.
        double margin = (high - low) * 0.03;
        valueAxis.setRange(low - margin, high + margin);
        NumberAxis countAxis = axis("Count", true);
        countAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));

        XYBarRenderer renderer = new XYBarRenderer();
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        renderer.setSeriesPaint(0, BARS);
        XYPlot plot = new XYPlot(dataset, valueAxis, countAxis, renderer);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        List<ReportSection.Histogram.Marker> markers = histogram.markers();
        for (int i = 0; i < markers.size(); i++) {
            ReportSection.Histogram.Marker marker = markers.get(i);
            ValueMarker line = new ValueMarker(marker.value(), MARKER, new BasicStroke(1.2f));
            line.setAlpha(1f);
            line.setLabel(ShowableText.clean(marker.label()).replace('\n', ' '));
            line.setLabelFont(markerFont);
            line.setLabelPaint(MARKER);
            // Opaque: JFreeChart's default label background is translucent grey.
            line.setLabelBackgroundColor(Color.WHITE);
            line.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            line.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
            // Staggered, so the labels of markers close together (VaR and ES) do not overwrite each other.
            line.setLabelOffset(new RectangleInsets(3 + 11 * (i % 4), 3, 3, 3));
            plot.addDomainMarker(line, Layer.FOREGROUND);
        }
        return draw(plot, width, height);
    }

    /** Horizontal bars in the given order, each labelled with its value, {@code width} by {@code height} points. */
    PDFormXObject barChart(ReportSection.BarChart chart, float width, float height) throws IOException {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        List<ReportSection.BarChart.Bar> bars = chart.bars();
        for (int i = 0; i < bars.size(); i++) {
            dataset.addValue(bars.get(i).value(), "value", new BarKey(i, ShowableText.clean(bars.get(i).label()).replace('\n', ' ')));
        }
        CategoryAxis categories = new CategoryAxis(null);
        categories.setTickLabelFont(tickFont);
        categories.setTickLabelPaint(TEXT);
        categories.setMaximumCategoryLabelWidthRatio(0.3f);
        NumberAxis values = axis(chart.valueLabel(), true);
        values.setStandardTickUnits(NumberAxis.createStandardTickUnits(Locale.ROOT));

        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        renderer.setSeriesPaint(0, BARS);
        renderer.setMaximumBarWidth(0.7);
        NumberFormat format = NumberFormat.getNumberInstance(Locale.ROOT);
        format.setMaximumFractionDigits(2);
        format.setGroupingUsed(true);
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", format));
        renderer.setDefaultItemLabelFont(tickFont);
        renderer.setDefaultItemLabelPaint(TEXT);
        renderer.setDefaultItemLabelsVisible(true);
        // Values at the end of each bar: right of a positive bar, left of a negative one.
        renderer.setDefaultPositiveItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT));
        renderer.setDefaultNegativeItemLabelPosition(new ItemLabelPosition(ItemLabelAnchor.OUTSIDE9, TextAnchor.CENTER_RIGHT));
        CategoryPlot plot = new CategoryPlot(dataset, categories, values, renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setRangeGridlinePaint(GRID);
        // Room past the longest bar for its value label.
        values.setUpperMargin(0.12);
        values.setLowerMargin(bars.stream().anyMatch(bar -> bar.value() < 0) ? 0.12 : 0.0);
        return draw(plot, width, height);
    }

    private NumberAxis axis(String label, boolean includeZero) {
        NumberAxis axis = new NumberAxis(ShowableText.clean(label).replace('\n', ' '));
        axis.setLabelFont(labelFont);
        axis.setLabelPaint(TEXT);
        axis.setTickLabelFont(tickFont);
        axis.setTickLabelPaint(TEXT);
        axis.setAutoRangeIncludesZero(includeZero);
        return axis;
    }

    private PDFormXObject draw(Plot plot, float width, float height) throws IOException {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(GRID);
        plot.setForegroundAlpha(1f);
        plot.setBackgroundAlpha(1f);
        JFreeChart chart = new JFreeChart(null, labelFont, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setBorderVisible(false);
        chart.setPadding(new RectangleInsets(2, 2, 2, 2));
        PdfBoxGraphics2D graphics = new PdfBoxGraphics2D(pdf, width, height);
        try {
            graphics.setFontTextDrawer(textDrawer);
            chart.draw(graphics, new Rectangle2D.Double(0, 0, width, height));
        } finally {
            graphics.dispose();
        }
        return graphics.getXFormObject();
    }

    /** A bar's category: its position keeps bars with equal labels apart; the label is what the axis shows. */
    private record BarKey(int index, String label) implements Comparable<BarKey> {
        @Override
        public int compareTo(BarKey other) {
            return Integer.compare(index, other.index);
        }

        @Override
        public String toString() {
            return label;
        }
    }
}
