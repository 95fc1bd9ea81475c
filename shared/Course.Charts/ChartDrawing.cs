using Course.Cli;
using ScottPlot;

namespace Course.Charts;

/// <summary>
/// Draws a bench's figures (<see cref="ChartFigures"/>) as a PNG: a line per design over client counts, or grouped bars. Categories
/// (10, 100, 1,000 clients) are evenly spaced rather than on a numeric axis, because the interesting
/// counts span three orders of magnitude. With <c>logScale</c> the value axis is logarithmic, for
/// comparisons like 22 µs against 44 ms where a linear axis would show one bar and a flat line.
/// </summary>
public static class ChartDrawing
{
    private const int Width = 900, Height = 480;

    public static void Draw(ChartFigures figures, string path)
    {
        var (title, categoryLabel, categories, valueLabel) = (figures.Title, figures.CategoryLabel, figures.Categories, figures.ValueLabel);
        if (figures.Kind == ChartKind.Bars) Bars(path, title, categoryLabel, categories, valueLabel, figures.Series, figures.LogScale);
        else Lines(path, title, categoryLabel, categories, valueLabel, figures.Series, figures.LogScale);
    }

    private static void Lines(string path, string title, string categoryLabel, IReadOnlyList<string> categories,
        string valueLabel, IEnumerable<Series> series, bool logScale = false)
    {
        Plot plot = Start(title, categoryLabel, categories, valueLabel);
        double[] xs = Enumerable.Range(0, categories.Count).Select(i => (double)i).ToArray();
        foreach (Series s in series)
        {
            var line = plot.Add.Scatter(xs, s.Values.Select(v => Scale(v, logScale)).ToArray());
            line.LegendText = s.Name;
            line.LineWidth = 2;
            line.MarkerSize = 8;
        }
        Finish(plot, path, logScale, categories.Count);
    }

    private static void Bars(string path, string title, string categoryLabel, IReadOnlyList<string> categories,
        string valueLabel, IEnumerable<Series> series, bool logScale = false)
    {
        Plot plot = Start(title, categoryLabel, categories, valueLabel);
        Series[] all = series.ToArray();
        double groupWidth = 0.8, barWidth = groupWidth / all.Length;
        for (int s = 0; s < all.Length; s++)
        {
            var bars = new List<Bar>();
            for (int c = 0; c < categories.Count; c++)
            {
                double value = all[s].Values[c];
                if (double.IsNaN(value)) continue;
                bars.Add(new Bar
                {
                    Position = c - groupWidth / 2 + barWidth * (s + 0.5),
                    Value = Scale(value, logScale),
                    ValueBase = logScale ? Math.Floor(Math.Log10(MinPositive(all))) : 0,
                    Size = barWidth * 0.9,
                    FillColor = plot.Add.Palette.GetColor(s),
                    Label = Format(value),
                });
            }
            var plottable = plot.Add.Bars(bars);
            plottable.LegendText = all[s].Name;
            plottable.ValueLabelStyle.FontSize = 13;
        }
        Finish(plot, path, logScale, categories.Count);
    }

    private static Plot Start(string title, string categoryLabel, IReadOnlyList<string> categories, string valueLabel)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel(categoryLabel);
        plot.YLabel(valueLabel);
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, categories.Count).Select(i => (double)i).ToArray(), [.. categories]);
        plot.Grid.XAxisStyle.MajorLineStyle.Width = 0; // categories are not a scale: no vertical grid lines
        return plot;
    }

    private static void Finish(Plot plot, string path, bool logScale, int categoryCount)
    {
        if (logScale)
        {
            // Values were plotted as log10(value): label the ticks with the values themselves.
            var ticks = new ScottPlot.TickGenerators.NumericAutomatic
            {
                MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
                IntegerTicksOnly = true,
                LabelFormatter = y => Format(Math.Pow(10, y)),
            };
            plot.Axes.Left.TickGenerator = ticks;
        }
        plot.Axes.AutoScale();
        plot.Axes.SetLimitsX(-0.6, categoryCount - 0.4);
        AxisLimits limits = plot.Axes.GetLimits();
        if (logScale)
        {
            // Whole decades, so there are always at least two labelled ticks (10, 100, ...).
            double bottom = Math.Floor(limits.Bottom), top = Math.Ceiling(limits.Top);
            plot.Axes.SetLimitsY(bottom, Math.Max(top, bottom + 1) + 0.1);
        }
        else
        {
            plot.Axes.SetLimitsY(0, limits.Top * 1.1);
        }
        // Below the plot: a legend inside would sit on top of some line or bar sooner or later.
        plot.ShowLegend(Edge.Bottom);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        plot.SavePng(path, Width, Height);
    }

    private static double Scale(double value, bool logScale) => logScale ? Math.Log10(value) : value;

    private static double MinPositive(IEnumerable<Series> series) =>
        series.SelectMany(s => s.Values).Where(v => v > 0 && !double.IsNaN(v)).DefaultIfEmpty(1).Min();

    /// <summary>3 significant figures, no exponent: 0.0123, 1.23, 123, 12,300.</summary>
    public static string Format(double value) => value switch
    {
        >= 1000 => value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
        >= 100 => value.ToString("0", System.Globalization.CultureInfo.InvariantCulture),
        >= 10 => value.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture),
        >= 1 => value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture),
    };
}
