package org.priwatt.benchmarks.runner;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;

/**
 * The report's PNG charts, drawn with XChart in headless mode: the Table 3 replica as grouped bars
 * (paper beside measured, log scale), the 256-bit implementations side by side, and one chart per
 * benchmark class with each benchmark's operations per second, its floors and peers in their own
 * colour. Bars of missing figures are left out (a gap), never drawn as zero.
 */
final class Charts {
  private static final Color MEASURED = new Color(0x1f77b4);
  private static final Color REFERENCE = new Color(0xbbbbbb);

  static {
    // Charts are drawn off-screen; without this a machine with no display fails in AWT.
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private Charts() {}

  /** The paper's table and the Bouncy Castle and JDK figures for each row. */
  static void table3(ResultSet r, Path file) throws IOException {
    List<String> rows = Table3.PAPER.stream().map(Table3.PaperRow::label).toList();
    CategoryChart c = chart("Table 3: signatures per second (log scale)", "", "operations per second", 1400);
    c.getStyler().setYAxisLogarithmic(true);
    c.addSeries("paper sign (OpenSSL, i5 M540)", rows, Table3.PAPER.stream().map(p -> (Number) p.sign()).toList())
        .setFillColor(new Color(0x9ecae1));
    c.addSeries("paper verify", rows, Table3.PAPER.stream().map(p -> (Number) p.verify()).toList())
        .setFillColor(new Color(0x3182bd));
    for (String family : List.of("BC", "JDK")) {
      List<Number> sign = new ArrayList<>();
      List<Number> verify = new ArrayList<>();
      for (String row : rows) {
        Optional<Table3.Impl> impl = Table3.IMPLS.stream()
            .filter(i -> i.row().equals(row) && i.family().equals(family)).findFirst();
        sign.add(impl.flatMap(i -> i.sign(r)).orElse(null));
        verify.add(impl.flatMap(i -> i.verify(r)).orElse(null));
      }
      String name = family.equals("BC") ? "Bouncy Castle" : "JDK";
      addIfAny(c, name + " sign", rows, sign, family.equals("BC") ? new Color(0xfdae6b) : new Color(0xa1d99b));
      addIfAny(c, name + " verify", rows, verify, family.equals("BC") ? new Color(0xe6550d) : new Color(0x31a354));
    }
    save(c, file);
  }

  /** Every 256-bit implementation's sign and verify rates. */
  static void ecc256(ResultSet r, Path file) throws IOException {
    List<Table3.Impl> impls = Table3.IMPLS.stream().filter(i -> i.row().equals("ECC256")).toList();
    List<String> labels = impls.stream().map(i -> shorten(i.label())).toList();
    CategoryChart c = chart("ECDSA at 256 bits: secp256k1 and P-256 implementations", "", "operations per second",
        1200);
    c.getStyler().setXAxisLabelRotation(20);
    addIfAny(c, "sign", labels, impls.stream().map(i -> (Number) i.sign(r).orElse(null)).toList(), new Color(0xfdae6b));
    addIfAny(c, "verify", labels, impls.stream().map(i -> (Number) i.verify(r).orElse(null)).toList(),
        new Color(0xe6550d));
    save(c, file);
  }

  /**
   * One class's benchmarks: those compared with something in one colour, their floors and peers in
   * another; a log scale when the rates span more than a factor of 30.
   */
  static void perClass(ResultSet r, String className, Path file) throws IOException {
    List<ResultRow> rows = r.rows().stream().filter(x -> x.className().equals(className)).toList();
    List<String> labels = new ArrayList<>();
    List<Number> measured = new ArrayList<>();
    List<Number> references = new ArrayList<>();
    double min = Double.MAX_VALUE;
    double max = 0;
    for (ResultRow row : rows) {
      double ops = row.opsPerSecond();
      if (Double.isNaN(ops) || ops <= 0) {
        continue;
      }
      String label = row.method() + (row.params().isEmpty() ? "" : " " + String.join(" ", row.params().values()));
      labels.add(uniqueLabel(labels, label));
      boolean reference = isReference(row);
      measured.add(reference ? null : ops);
      references.add(reference ? ops : null);
      min = Math.min(min, ops);
      max = Math.max(max, ops);
    }
    if (labels.isEmpty()) {
      return;
    }
    CategoryChart c = chart(className + ": operations per second", "", "operations per second",
        Math.max(900, Math.min(2400, 70 * labels.size() + 200)));
    CategoryStyler st = c.getStyler();
    st.setOverlapped(true);
    st.setXAxisLabelRotation(labels.size() > 4 ? 45 : 0);
    st.setYAxisLogarithmic(max / min > 30);
    addIfAny(c, "benchmark", labels, measured, MEASURED);
    addIfAny(c, "its floor or peer", labels, references, REFERENCE);
    save(c, file);
  }

  /** Adds a series unless every value is missing (XChart cannot scale an empty series). */
  private static void addIfAny(CategoryChart c, String name, List<String> x, List<Number> y, Color color) {
    if (y.stream().anyMatch(v -> v != null)) {
      // A missing bar is NaN: XChart counts a null as zero, which a logarithmic axis refuses.
      c.addSeries(name, x, y.stream().map(v -> v == null ? (Number) Double.NaN : v).toList()).setFillColor(color);
    }
  }

  /** Whether some pair of the suite compares another benchmark against {@code row}'s method. */
  static boolean isReference(ResultRow row) {
    return Suite.PAIRS.stream().anyMatch(p -> p.className().equals(row.className()) && p.kind() != Suite.Kind.SCALING
        && p.reference().equals(row.method())
        && Suite.PAIRS.stream().noneMatch(q -> q.className().equals(row.className()) && q.subject().equals(row.method())
            && q.kind() != Suite.Kind.SCALING));
  }

  private static String uniqueLabel(List<String> taken, String label) {
    String l = label;
    for (int i = 2; taken.contains(l); i++) {
      l = label + " #" + i;
    }
    return l;
  }

  private static String shorten(String label) {
    return label.replace("Bouncy Castle", "BC").replace(" (SHA256withECDSA)", "").replace(", libsecp256k1 backend",
        " native").replace(", pure-Java backend", " pure Java").replace(" (ACINQ binding, raw)", " raw")
        .replace(" secp256k1 (key decoded per verify)", "");
  }

  private static CategoryChart chart(String title, String x, String y, int width) {
    CategoryChart c = new CategoryChartBuilder().width(width).height(600)
        .title(title).xAxisTitle(x).yAxisTitle(y).theme(Styler.ChartTheme.XChart).build();
    CategoryStyler st = c.getStyler();
    st.setLegendPosition(Styler.LegendPosition.OutsideS);
    st.setLegendLayout(Styler.LegendLayout.Horizontal);
    st.setChartBackgroundColor(Color.WHITE);
    st.setPlotGridVerticalLinesVisible(false);
    st.setYAxisDecimalPattern("#,###.#");
    st.setAvailableSpaceFill(0.8);
    return c;
  }

  private static void save(CategoryChart c, Path file) throws IOException {
    if (c.getStyler().isYAxisLogarithmic()) {
      // XChart starts bars at zero unless told otherwise, which a logarithmic axis cannot show.
      double min = c.getSeriesMap().values().stream().flatMap(s -> s.getYData().stream()).filter(Objects::nonNull)
          .mapToDouble(Number::doubleValue).filter(v -> v > 0 && !Double.isNaN(v)).min().orElse(1);
      c.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (OutputStream out = Files.newOutputStream(file)) {
      BitmapEncoder.saveBitmap(c, out, BitmapEncoder.BitmapFormat.PNG);
    }
  }
}
