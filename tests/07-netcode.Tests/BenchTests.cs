using System.Globalization;
using Course.Testing;

namespace Netcode.Tests;

/// <summary>
/// The bench, run for a moment so it cannot rot: the real server and a client process, both modes, a row
/// each, with figures that make sense (not checked against targets: that is for a quiet machine).
/// </summary>
public sealed class BenchTests
{
    [Fact]
    public async Task The_bench_runs_the_real_server_and_clients_and_prints_a_sane_row_per_mode()
    {
        await using var bench = RunningProcess.StartCourseProgram("chase", "bench", "--clients", "4", "--seconds", "1");
        Assert.Equal(0, await bench.WaitForExitAsync(TimeSpan.FromSeconds(180)));
        string[] rows = [.. bench.StandardOutput.Split('\n').Where(l => l.TrimStart().StartsWith("4 ", StringComparison.Ordinal))];
        Assert.Equal(2, rows.Length);
        foreach (string row in rows)
        {
            // clients mode updates p50 p99 p99.9 max samples KB/s CPU
            string[] f = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            double[] n = [.. f.Skip(2).Select(s => double.Parse(s.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture))];
            Assert.True(n[0] > 5, $"a client applied almost no updates: {row}");
            Assert.True(n[1] > 0 && n[1] <= n[2] && n[2] <= n[3] && n[3] <= n[4], $"latency percentiles out of order: {row}");
            Assert.True(n[5] >= 20 && n[6] > 0, $"too few samples, or nothing received: {row}");
        }
        Assert.Contains("Design floor", bench.StandardOutput);
    }
}
