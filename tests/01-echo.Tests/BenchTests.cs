using Course.Testing;

namespace Echo.Tests;

/// <summary>
/// The bench, run for a moment through the program as it ships: it must not rot. The figures are not
/// checked against targets (that is the bench's job, on a quiet machine), only that every row is there
/// and its numbers make sense.
/// </summary>
public sealed class BenchTests
{
    private const string Header = "| case | round trips/s | p50 µs | p99 µs | p99.9 µs | max µs | samples | p50 vs floor | p99 vs floor |";

    [Theory]
    [InlineData("auto")]   // C where a compiler is found
    [InlineData("dotnet")] // the C# floor, which machines without one use
    public async Task The_bench_measures_the_floor_the_shipped_server_quiet_and_the_seed_and_prints_sane_rows(string floor)
    {
        await using var bench = RunningProcess.StartCourseProgram("echo", "bench", "--seconds", "0.3", "--warmup", "0", "--floor", floor);
        Assert.Equal(0, await bench.WaitForExitAsync(TimeSpan.FromSeconds(180)));
        List<string[]> rows = BenchTable.Rows(bench.StandardOutput, Header);
        Assert.Equal(["loopback floor, 32 B", "echo server, 32 B", "echo server --quiet, 32 B",
                      "loopback floor, 4 KiB", "echo server, 4 KiB", "echo server --quiet, 4 KiB",
                      "seed design (--chunk-size 16 --nagle), 32 B"], rows.Select(r => r[0]));
        foreach (string[] row in rows)
        {
            Assert.True(BenchTable.Number(row[1]) > 0, $"no round trips: {string.Join(" | ", row)}");
            BenchTable.AssertPercentiles(row, 2, 4);
            Assert.True(BenchTable.Number(row[6]) >= 1, $"no samples: {string.Join(" | ", row)}");
        }
        // The seed's design waits for delayed ACKs (about 40 ms): far slower than the floor, on any machine.
        Assert.True(BenchTable.Number(rows[6][2]) > 10 * BenchTable.Number(rows[0][2]), "the seed's design should be far slower than the floor");
        Assert.Contains("load average", bench.StandardOutput);
        Assert.Contains(floor == "dotnet" ? "(C# (--floor dotnet))" : "the floor is a ping-pong", bench.StandardOutput);
        Assert.Equal(7, bench.StandardOutput.Split('\n').Count(l => l.StartsWith("warm-up: ", StringComparison.Ordinal)));
    }
}
