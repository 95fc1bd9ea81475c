using System.Globalization;
using Course.Testing;

namespace Agar.Tests;

/// <summary>
/// The benches, run for a moment: they must not rot. The figures are not checked against targets (that is
/// the bench's job, on a quiet machine), only that each row is there and its numbers make sense.
/// </summary>
public sealed class BenchTests
{
    [Fact]
    public async Task The_server_bench_runs_the_real_server_and_bots_and_prints_a_sane_row_per_crowd()
    {
        await using var bench = RunningProcess.StartCourseProgram("agar", "bench", "--players", "6,12", "--seconds", "1", "--warmup", "0");
        Assert.Equal(0, await bench.WaitForExitAsync(TimeSpan.FromSeconds(180)));
        string[] rows = [.. bench.StandardOutput.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal) && char.IsDigit(l[2]))];
        Assert.Equal(2, rows.Length);
        foreach (string row in rows)
        {
            // | players | world | p50 | p99 | p99.9 | max | samples | missed | cost per player | KB/s | CPU |
            double[] f = [.. row.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Number)];
            Assert.True(f[2] > 0 && f[2] <= f[3] && f[3] <= f[4] && f[4] <= f[5], $"tick percentiles out of order: {row}");
            Assert.True(f[6] >= 20, $"a second at 30 ticks a second should give about 30 samples: {row}");
            Assert.True(f[9] > 0, $"the server sent nothing: {row}");
        }
        Assert.Contains("load average", bench.StandardOutput);
    }

    [Fact]
    public async Task The_render_bench_prints_frame_percentiles_in_order()
    {
        await using var bench = RunningProcess.StartCourseProgram("agar", "bench", "--frames", "--frame-count", "60");
        Assert.Equal(0, await bench.WaitForExitAsync(TimeSpan.FromSeconds(120)));
        string line = bench.StandardOutput.Split('\n').Single(l => l.StartsWith("frame time:", StringComparison.Ordinal));
        double[] f = [.. line.Split(' ').Where(w => double.TryParse(w, NumberStyles.Float, CultureInfo.InvariantCulture, out _)).Select(Number)];
        // p50, p99, max, then the sample count (no p99.9 under 1,000 samples).
        Assert.True(f[0] > 0 && f[0] <= f[1] && f[1] <= f[2], $"percentiles out of order: {line}");
        Assert.Contains("(60 samples)", line);
    }

    /// <summary>The first number in a table cell: "12.34 ms" → 12.34, "1,200" → 1200.</summary>
    private static double Number(string cell) =>
        double.Parse(cell.Split(' ')[0].Replace(",", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture);
}
