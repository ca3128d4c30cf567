package com.nightshift.reconciliation;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the reconciliation rules file: a JSON object whose fields are all optional, each falling back to
 * {@link ReconciliationRules#defaults()}. README "Reconciliation rules" documents it with an example:
 *
 * <pre>{@code
 * {
 *   "valueDateWindowBusinessDays": 3,
 *   "tolerance": { "absolute": 0.01, "basisPoints": 0 },
 *   "aggregate": { "maxEntries": 5 },
 *   "enabled": ["exact", "tolerance", "aggregate"]
 * }
 * }</pre>
 *
 * <p>Strict: an unknown field, a duplicate field, a value of the wrong type ({@code "3"} for a number,
 * {@code 3.5} for a whole number) or out of range, an unknown or repeated rule name, and anything that is
 * not a JSON object raise {@link RulesFileException} naming the file and the field. Amounts are read as
 * exact decimals. {@code null} is a bad value, not "use the default": leave the field out for that.
 * Stateless and thread-safe.
 */
public final class RulesFile {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final Set<String> TOP = Set.of("valueDateWindowBusinessDays", "tolerance", "aggregate", "enabled");
    private static final Set<String> TOLERANCE = Set.of("absolute", "basisPoints");
    private static final Set<String> AGGREGATE = Set.of("maxEntries");

    private RulesFile() {
    }

    /** The rules in {@code file}; the file name in messages is the path as given. */
    public static ReconciliationRules read(Path file) throws IOException, RulesFileException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(file.toString(), in);
        }
    }

    /** The rules in {@code in}, called {@code fileName} in messages. The stream is not closed. */
    public static ReconciliationRules read(String fileName, InputStream in) throws IOException, RulesFileException {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw new RulesFileException(fileName + ": not valid JSON: " + e.getOriginalMessage() + where(e), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new RulesFileException(fileName + ": is empty; expected a JSON object (an empty object {} means all defaults)");
        }
        return parse(fileName, root);
    }

    private static ReconciliationRules parse(String file, JsonNode root) throws RulesFileException {
        requireObject(file, "", root, TOP);
        ReconciliationRules rules = ReconciliationRules.defaults();

        JsonNode window = root.get("valueDateWindowBusinessDays");
        int days = window == null ? rules.valueDateWindowBusinessDays()
                : wholeNumber(file, "valueDateWindowBusinessDays", window, 0, ReconciliationRules.MAX_WINDOW_BUSINESS_DAYS);

        ReconciliationRules.Tolerance tolerance = rules.tolerance();
        JsonNode toleranceNode = root.get("tolerance");
        if (toleranceNode != null) {
            requireObject(file, "tolerance", toleranceNode, TOLERANCE);
            BigDecimal absolute = toleranceNode.has("absolute")
                    ? decimal(file, "tolerance.absolute", toleranceNode.get("absolute"), null) : tolerance.absolute();
            BigDecimal basisPoints = toleranceNode.has("basisPoints")
                    ? decimal(file, "tolerance.basisPoints", toleranceNode.get("basisPoints"),
                            BigDecimal.valueOf(ReconciliationRules.Tolerance.MAX_BASIS_POINTS))
                    : tolerance.basisPoints();
            tolerance = new ReconciliationRules.Tolerance(absolute, basisPoints);
        }

        ReconciliationRules.Aggregate aggregate = rules.aggregate();
        JsonNode aggregateNode = root.get("aggregate");
        if (aggregateNode != null) {
            requireObject(file, "aggregate", aggregateNode, AGGREGATE);
            if (aggregateNode.has("maxEntries")) {
                aggregate = new ReconciliationRules.Aggregate(wholeNumber(file, "aggregate.maxEntries",
                        aggregateNode.get("maxEntries"), 2, ReconciliationRules.Aggregate.MAX_ENTRIES));
            }
        }

        Set<MatchRule> enabled = rules.enabled();
        JsonNode enabledNode = root.get("enabled");
        if (enabledNode != null) {
            enabled = ruleNames(file, enabledNode);
        }
        return new ReconciliationRules(days, tolerance, aggregate, enabled);
    }

    private static void requireObject(String file, String field, JsonNode node, Set<String> known)
            throws RulesFileException {
        if (!node.isObject()) {
            throw new RulesFileException(file + ": " + (field.isEmpty() ? "the top level" : "field '" + field + "'")
                    + " must be a JSON object, found " + describe(node));
        }
        for (Map.Entry<String, JsonNode> property : node.properties()) {
            String name = property.getKey();
            if (!known.contains(name)) {
                String path = field.isEmpty() ? name : field + "." + name;
                throw new RulesFileException(file + ": field '" + path + "' is not known; the fields here are "
                        + known.stream().sorted().toList());
            }
        }
    }

    private static int wholeNumber(String file, String field, JsonNode node, int min, int max)
            throws RulesFileException {
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
            throw new RulesFileException(file + ": field '" + field + "' must be a whole number from " + min + " to "
                    + max + ", found " + describe(node));
        }
        return node.intValue();
    }

    private static BigDecimal decimal(String file, String field, JsonNode node, BigDecimal max)
            throws RulesFileException {
        String expected = "a decimal number of at least 0" + (max == null ? "" : " and at most " + max.toPlainString())
                + " with at most " + ReconciliationRules.Tolerance.MAX_FRACTION_DIGITS + " fraction digits";
        if (!node.isNumber()) {
            throw new RulesFileException(file + ": field '" + field + "' must be " + expected + ", found " + describe(node));
        }
        BigDecimal value = node.decimalValue();
        BigDecimal plain = value.stripTrailingZeros();
        if (value.signum() < 0 || (max != null && value.compareTo(max) > 0)
                || plain.scale() > ReconciliationRules.Tolerance.MAX_FRACTION_DIGITS) {
            throw new RulesFileException(file + ": field '" + field + "' must be " + expected + ", found "
                    + value.toPlainString());
        }
        return value;
    }

    private static Set<MatchRule> ruleNames(String file, JsonNode node) throws RulesFileException {
        List<String> known = Arrays.stream(MatchRule.values()).map(MatchRule::id).toList();
        if (!node.isArray()) {
            throw new RulesFileException(file + ": field 'enabled' must be an array of rule names from " + known
                    + ", found " + describe(node));
        }
        Set<MatchRule> rules = EnumSet.noneOf(MatchRule.class);
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String field = "enabled[" + i + "]";
            if (!item.isTextual()) {
                throw new RulesFileException(file + ": field '" + field + "' must be a rule name from " + known
                        + ", found " + describe(item));
            }
            MatchRule rule = MatchRule.byId(item.textValue()).orElseThrow(() -> new RulesFileException(file
                    + ": field '" + field + "' names no rule: '" + item.textValue() + "'; the rules are " + known));
            if (!rules.add(rule)) {
                throw new RulesFileException(file + ": field '" + field + "' repeats the rule '" + rule.id() + "'");
            }
        }
        return rules;
    }

    private static String describe(JsonNode node) {
        if (node.isTextual()) {
            return "the string " + node.toString();
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isNumber()) {
            return node.isBigDecimal() ? node.decimalValue().toPlainString() : node.asText();
        }
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + node;
    }

    private static String where(JacksonException e) {
        JsonLocation location = e.getLocation();
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
