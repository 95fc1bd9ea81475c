using Course.Testing;

namespace Dots.Tests;

/// <summary>
/// The bench, run for a moment through the program as it ships: it must not rot. The figures are not
/// checked against targets (that is the bench's job, on a quiet machine), only that every row is there
/// and its numbers make sense.
/// </summary>
public sealed class BenchTests
{
    private const string Header = "| players | relay | p50 µs | p99 µs | p99.9 µs | max µs | samples | lost | malformed | threads | RSS MiB | p99 vs floor |";

    [Fact]
    public async Task The_bench_measures_the_shipped_server_beside_the_floor_and_prints_sane_rows()
    {
        await using var bench = RunningProcess.StartCourseProgram("dots", "bench", "--clients", "3", "--seconds", "0.5", "--warmup", "0");
        Assert.Equal(0, await bench.WaitForExitAsync(TimeSpan.FromSeconds(180)));
        List<string[]> rows = BenchTable.Rows(bench.StandardOutput, Header);
        Assert.Equal(["3 floor", "3 dots server"], rows.Select(r => $"{r[0]} {r[1]}"));
        foreach (string[] row in rows)
        {
            string shown = string.Join(" | ", row);
            BenchTable.AssertPercentiles(row, 2, 4);
            // 0.5 s of a move every 10 ms, seen by 2 players: about 100 samples.
            Assert.True(BenchTable.Number(row[6]) >= 40, $"too few samples: {shown}");
            Assert.True(BenchTable.Number(row[7]) == 0 && BenchTable.Number(row[8]) == 0, $"lines lost or malformed: {shown}");
        }
        string[] server = rows[1];
        if (OperatingSystem.IsLinux())
            Assert.True(BenchTable.Number(server[9]) >= 3 && BenchTable.Number(server[10]) > 0, $"the server's threads and memory were not read: {string.Join(" | ", server)}");
        Assert.True(BenchTable.Number(server[11]) > 0, "no ratio to the floor");
        Assert.Contains("load average", bench.StandardOutput);
        Assert.Equal(2, bench.StandardOutput.Split('\n').Count(l => l.StartsWith("warm-up: ", StringComparison.Ordinal)));
    }
}
