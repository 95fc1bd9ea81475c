using Course.Testing;

namespace Chat.Tests;

/// <summary>
/// The bench, run for a moment through the program as it ships: it must not rot. The figures are not
/// checked against targets (that is the bench's job, on a quiet machine), only that every row is there
/// and its numbers make sense.
/// </summary>
public sealed class BenchTests
{
    private const string Header = "| clients | server | p50 ms | p99 ms | p99.9 ms | max ms | samples | delivered | KB per client | p99 vs floor |";

    [Fact]
    public async Task The_bench_measures_both_designs_beside_the_floor_and_a_slow_reader_and_prints_sane_rows()
    {
        await using var bench = RunningProcess.StartCourseProgram("chat", "bench", "--clients", "6", "--seconds", "0.5", "--warmup", "0");
        Assert.Equal(0, await bench.WaitForExitAsync(TimeSpan.FromSeconds(180)));
        List<string[]> rows = BenchTable.Rows(bench.StandardOutput, Header);
        Assert.Equal(["6 floor", "6 threads", "6 async", "6 threads, 1 never reads", "6 async, 1 never reads"], rows.Select(r => $"{r[0]} {r[1]}"));
        foreach (string[] row in rows)
        {
            string shown = string.Join(" | ", row);
            BenchTable.AssertPercentiles(row, 2, 4);
            // 0.5 s of 6 talkers at 4 lines a second, each line seen by 5 others: about 60 samples.
            Assert.True(BenchTable.Number(row[6]) >= 20, $"too few samples: {shown}");
            Assert.InRange(BenchTable.Number(row[7]), 1, 100);
        }
        // The async server delivers every line to every reader, even with one that never reads.
        Assert.Equal(100, BenchTable.Number(rows[2][7]));
        Assert.Equal(100, BenchTable.Number(rows[4][7]));
        Assert.Contains("load average", bench.StandardOutput);
        Assert.Equal(3, bench.StandardOutput.Split('\n').Count(l => l.StartsWith("warm-up: ", StringComparison.Ordinal)));
    }
}
