using Course.Testing;

namespace Offloading.Tests;

/// <summary>
/// The bench, run for a moment through the program as it ships: it must not rot. The figures are not
/// checked against targets (that is the bench's job, on a quiet machine), only that every row is there
/// and its numbers make sense.
/// </summary>
public sealed class BenchTests
{
    private const string Header = "| snakes | plan ms | case | ticks/s | p50 ms | p99 ms | p99.9 ms | max ms | samples | drift ms/min | p99 vs baseline |";

    [Fact]
    public async Task The_bench_measures_every_mode_beside_the_server_with_no_computer_snakes_and_prints_sane_rows()
    {
        // A small board and few snakes: this is a Debug build, where the planner is many times slower.
        await using var bench = RunningProcess.StartCourseProgram("offloading", "bench", "--ai", "4", "--width", "30", "--height", "30",
            "--seconds", "1", "--slices", "1", "--warmup", "0");
        Assert.Equal(0, await bench.WaitForExitAsync(TimeSpan.FromSeconds(240)));
        string output = bench.StandardOutput;

        List<string[]> rows = BenchTable.Rows(output, Header);
        Assert.Equal(["4 baseline (--ai 0)", "4 none", "4 thread", "4 process"], rows.Select(r => $"{r[0]} {r[2]}"));
        foreach (string[] row in rows)
        {
            string shown = string.Join(" | ", row);
            Assert.True(BenchTable.Number(row[1]) > 0, $"no plan time: {shown}");
            Assert.InRange(BenchTable.Number(row[3]), 1, 40); // ticks a second, nominal 20
            // Lateness is measured from the best arrival, so 0 is possible; negative is not.
            BenchTable.AssertPercentiles(row, 4, 4, zeroAllowed: true);
            Assert.True(BenchTable.Number(row[8]) >= 3, $"too few samples: {shown}");
            Assert.False(double.IsNaN(BenchTable.Number(row[9])), $"no drift: {shown}");
        }
        Assert.Equal("(baseline)", rows[0][10]);
        Assert.All(rows.Skip(1), r => Assert.False(double.IsNaN(BenchTable.Number(r[10])), $"no ratio: {string.Join(" | ", r)}"));

        Assert.Contains("load average", output);
        Assert.Contains("at the end", output);
        Assert.Equal(4, output.Split('\n').Count(l => l.StartsWith("warm-up: ", StringComparison.Ordinal)));
    }
}
