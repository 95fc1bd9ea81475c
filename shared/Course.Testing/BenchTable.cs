using System.Globalization;
using Xunit;

namespace Course.Testing;

/// <summary>
/// Reads the table a bench prints (Markdown rows: <c>| name | 1,234 | 5.67 | ... |</c>) for the tests that
/// run each bench for a moment: benches must not rot. They check the table's shape and that its figures
/// make sense, never targets (that is the bench's job, on a quiet machine).
/// </summary>
public static class BenchTable
{
    /// <summary>The data rows: lines starting "| " that are not the header or its rule; each as its trimmed cells.</summary>
    public static List<string[]> Rows(string output, string header)
    {
        var rows = new List<string[]>();
        bool inTable = false;
        foreach (string line in output.Split('\n').Select(l => l.TrimEnd('\r')))
        {
            if (line.StartsWith(header, StringComparison.Ordinal)) { inTable = true; continue; }
            if (!inTable) continue;
            if (!line.StartsWith("| ", StringComparison.Ordinal) && !line.StartsWith("|-", StringComparison.Ordinal)) { inTable = false; continue; }
            if (line.StartsWith("|-", StringComparison.Ordinal)) continue;
            rows.Add([.. line.Trim('|').Split('|').Select(c => c.Trim())]);
        }
        return rows;
    }

    /// <summary>The first number in a cell: "12.34 ms" → 12.34, "1,200" → 1200, "1.07x" → 1.07, "-" → NaN.</summary>
    public static double Number(string cell)
    {
        string first = cell.Split(' ')[0].Replace(",", "", StringComparison.Ordinal).TrimEnd('x', '%');
        return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ? value : double.NaN;
    }

    /// <summary>
    /// Asserts that percentile cells (p50, p99, [p99.9,] max, in that order; "-" allowed for a p99.9 that
    /// has too few samples) are numbers, positive (or at least 0 where <paramref name="zeroAllowed"/>), and
    /// in order.
    /// </summary>
    public static void AssertPercentiles(string[] row, int firstColumn, int count, bool zeroAllowed = false)
    {
        string shown = "| " + string.Join(" | ", row) + " |";
        double[] values = [.. row.Skip(firstColumn).Take(count).Select(Number)];
        Assert.True(values.Length == count, $"expected {count} percentile columns from column {firstColumn}: {shown}");
        Assert.False(double.IsNaN(values[0]) || double.IsNaN(values[^1]), $"p50 and max must be numbers: {shown}");
        double previous = zeroAllowed ? 0 : double.Epsilon;
        foreach (double value in values)
        {
            if (double.IsNaN(value)) continue; // p99.9 with under 1,000 samples: "-"
            Assert.True(value >= previous, $"percentiles must be {(zeroAllowed ? "at least 0" : "positive")} and in order (p50 <= p99 <= max): {shown}");
            previous = value;
        }
    }
}
